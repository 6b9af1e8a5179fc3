using System.Diagnostics;
using System.Net;
using Dailyfeed.ServiceDefaults.Resilience;
using Dailyfeed.Testing.Silos;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>Silos and gateways reach PostgreSQL through a proxy the test can cut; the storage breaker opens after 5 calls, for 1 s.</summary>
public class CuttableDatabaseCluster : ApiCluster
{
    public TcpProxy Database { get; } = new(new IPEndPoint(IPAddress.Loopback, new NpgsqlConnectionStringBuilder(ConnectionString).Port));

    public override string StoreConnectionString => new NpgsqlConnectionStringBuilder(WithTestPools(ConnectionString))
    {
        Port = Database.Port,
        Timeout = 2,
        CommandTimeout = 2,
    }.ConnectionString;

    protected override void ConfigureSilos(IServiceCollection services) => services.Configure<ResilienceOptions>(o =>
    {
        o.Storage.MinimumThroughput = 5;
        o.Storage.FailureRatio = 0.4;
        o.Storage.BreakDuration = TimeSpan.FromSeconds(1);
        o.Storage.Timeout = TimeSpan.FromSeconds(2);
    });
}

public sealed class DependencyBreakerTests(CuttableDatabaseCluster cluster) : IClassFixture<CuttableDatabaseCluster>
{
    // Far below the 2 s storage timeout a call that waited on the database would take, with room for a busy CI
    // machine running other test classes beside this one (a 50 ms bound failed there at 68 ms).
    private const int FastFailMilliseconds = 500;

    // Each write silo has its own storage breaker that opens after 5 failed calls, so with two write silos about ten
    // writes still reach the database. With 20 writes, only the last few were left to be refused, and the count of 10
    // refusals was missed now and then; the first 20 of 30 now leave room for both circuits to open, and the last 10
    // are the ones timed.
    private const int WritesDuringOutage = 30;
    private const int WritesBeforeBothCircuitsOpen = 20;

    [Fact]
    public async Task With_the_database_down_writes_fail_fast_with_503_and_recover_when_it_returns()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        (await client.PostAsync("/api/posts", new { content = "before the outage" })).Status.ShouldBe(HttpStatusCode.Created);

        cluster.Database.Down();
        var failures = new List<(HttpStatusCode Status, string? Code, double Ms)>();
        for (var i = 0; i < WritesDuringOutage; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await client.PostAsync("/api/posts", new { content = $"during the outage {i}" });
            failures.Add((response.Status, response.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        failures.ShouldAllBe(f => f.Status == HttpStatusCode.ServiceUnavailable && f.Code == "SERVICE_UNAVAILABLE");
        var openCircuit = failures.Skip(WritesBeforeBothCircuitsOpen).Select(f => f.Ms).Order().ToList();
        openCircuit[openCircuit.Count / 2].ShouldBeLessThan(FastFailMilliseconds, "once open, the circuit fails calls without touching the database");
        var metrics = await cluster.Gateway.CreateClient().GetStringAsync("/metrics");
        metrics.ShouldContain("dailyfeed_circuit_transitions_total{dependency=\"grain storage\",state=\"open\"}", Case.Sensitive, "transitions are exported");
        var refusals = System.Text.RegularExpressions.Regex.Match(metrics, @"^dailyfeed_dependency_refusals_total\{dependency=""grain storage"",reason=""open_circuit""\} (\d+)$", System.Text.RegularExpressions.RegexOptions.Multiline);
        refusals.Success.ShouldBeTrue("fast failures are counted");
        long.Parse(refusals.Groups[1].Value).ShouldBeGreaterThanOrEqualTo(10, "the writes after the circuit opened were refused without a database attempt");

        cluster.Database.Up();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            status = (await client.PostAsync("/api/posts", new { content = "after the outage" })).Status;
        }
        while (status != HttpStatusCode.Created && DateTime.UtcNow < deadline);

        status.ShouldBe(HttpStatusCode.Created, "half-open probes close the circuit once the database is back");
    }
}

using System.Net;
using Dailyfeed.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit.Abstractions;

namespace Dailyfeed.Api.Tests.Chaos;

/// <summary>Two silos per pool, so either pool survives losing one.</summary>
public sealed class TwoSilosPerPoolCluster : ApiCluster
{
    protected override string[][] SiloLayout => [GrainPoolsFor.Write, GrainPoolsFor.Write, GrainPoolsFor.Read, GrainPoolsFor.Read];
}

public sealed class SiloKillTests(TwoSilosPerPoolCluster cluster, ITestOutputHelper output) : IClassFixture<TwoSilosPerPoolCluster>
{
    private const int Authors = 4;
    private const double MaxErrorRatio = 0.01;
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(8);

    [Theory]
    [InlineData("write")]
    [InlineData("read")]
    public async Task Killing_a_silo_under_load_costs_under_one_percent_of_requests_and_no_acknowledged_write(string pool)
    {
        // The theories share the cluster: let the previous one's replacement silo settle in, gateway included.
        await cluster.Cluster.WaitForStableAsync();
        var gatewayView = cluster.Gateway.Services.GetRequiredService<IClusterMembership>();
        var live = cluster.Cluster.Silos.Select(s => s.SiloId).ToHashSet();
        await Eventually.TrueAsync(() => gatewayView.Silos.Select(s => s.SiloId).ToHashSet().SetEquals(live), TimeSpan.FromSeconds(15), "the gateway's view matches the live silos");
        var clients = new List<ApiClient>();
        await using var load = new LoadRun(BeforeKill + AfterKill + TimeSpan.FromSeconds(20));
        for (var i = 0; i < Authors; i++)
        {
            var author = cluster.Gateway.CreateApiClient();
            var reader = cluster.Gateway.CreateApiClient();
            clients.Add(author);
            clients.Add(reader);
            var authorId = await author.SignupAndLoginAsync();
            await reader.SignupAndLoginAsync();
            await reader.PostAsync($"/api/members/follow/{authorId}");
            var sequence = 0;
            load.AddWorker("write", () => author.PostAsync("/api/posts", new { content = $"{pool} kill load {Interlocked.Increment(ref sequence)}" }), TimeSpan.FromMilliseconds(10));
            load.AddWorker("read", () => reader.GetAsync("/api/timeline/posts/followings?size=10"), TimeSpan.FromMilliseconds(10));
        }

        await Task.Delay(BeforeKill);
        var victim = cluster.Cluster.Silos.First(s => s.Pools.Contains(pool));
        var killedAt = load.Elapsed;
        await cluster.Cluster.KillSiloAsync(victim);
        await Task.Delay(AfterKill);
        await load.StopAsync();

        var outcomes = load.Outcomes;
        var failed = outcomes.Where(o => o.Status is not (HttpStatusCode.OK or HttpStatusCode.Created)).ToList();
        output.WriteLine($"killed {victim} at {killedAt.TotalSeconds:F1}s; {outcomes.Count} requests, {failed.Count} failed");
        foreach (var failure in failed.GroupBy(f => (f.Operation, f.Status, f.Code)))
        {
            output.WriteLine($"  {failure.Key.Operation} {(int)failure.Key.Status} {failure.Key.Code}: {failure.Count()} between {failure.Min(f => f.At).TotalSeconds:F1}s and {failure.Max(f => f.At).TotalSeconds:F1}s");
        }

        outcomes.Count(o => o.At > killedAt).ShouldBeGreaterThan(100, "the load kept running after the kill");
        ((double)failed.Count / outcomes.Count).ShouldBeLessThan(MaxErrorRatio);
        failed.ShouldAllBe(f => f.Status == HttpStatusCode.ServiceUnavailable, "a lost silo is a retryable 503, never a 500");

        using var checker = cluster.Gateway.CreateApiClient();
        await checker.SignupAndLoginAsync();
        foreach (var id in outcomes.Where(o => o.CreatedId is not null).Select(o => o.CreatedId!.Value))
        {
            (await checker.GetAsync($"/api/timeline/posts/{id}")).Status.ShouldBe(HttpStatusCode.OK, $"acknowledged post {id}");
        }

        await cluster.Cluster.StartAdditionalSiloAsync(pool);
        clients.ForEach(c => c.Dispose());
    }
}

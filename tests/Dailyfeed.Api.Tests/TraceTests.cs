using System.Diagnostics;
using System.Net;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>A cluster whose silos record their logs.</summary>
public sealed class TracedCluster : ApiCluster
{
    public CapturedLogs SiloLogs { get; } = new();

    protected override void ConfigureSilos(IServiceCollection services) => SiloLogs.AddTo(services);
}

public sealed class TraceTests(TracedCluster cluster) : IClassFixture<TracedCluster>
{
    [Fact]
    public async Task A_request_trace_id_reaches_the_gateway_log_the_silo_log_and_the_activity_event()
    {
        var gatewayLogs = new CapturedLogs();
        var gateway = cluster.Gateway.WithWebHostBuilder(b => b.ConfigureTestServices(gatewayLogs.AddTo));
        using var client = new ApiClient(gateway.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = true }));
        await client.SignupAndLoginAsync();
        var traceId = ActivityTraceId.CreateRandom();
        client.Http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var created = await client.PostAsync("/api/posts", new { content = "traced" });

        created.Status.ShouldBe(HttpStatusCode.Created);
        var postId = created.Id;
        var trace = traceId.ToString();
        gatewayLogs.Lines.ShouldContain(l => l.TraceId == trace && l.Message.Contains("/api/posts"), "the gateway's request log line");
        cluster.SiloLogs.Lines.ShouldContain(l => l.TraceId == trace && l.Message.Contains("CreateAsync"), "a silo's grain-call log line");
        var silo = cluster.Cluster.Silos[0].Services.GetRequiredService<IStreamOutboxStore>();
        var events = await silo.ClaimAsync(10_000, TimeSpan.FromMinutes(1), CancellationToken.None);
        events.ShouldContain(e => e.Event.Type == "POST_CREATE" && e.Event.MessageKey.Contains($"###{postId}###") && e.Event.Traceparent!.Contains(trace),
            "the activity event the request caused");
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task Logs_of_gateway_and_silos_never_carry_passwords_or_tokens()
    {
        var gatewayLogs = new CapturedLogs();
        await using var gateway = cluster.Gateway.WithWebHostBuilder(b => b.ConfigureTestServices(gatewayLogs.AddTo));
        using var client = new ApiClient(gateway.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false }));
        var email = $"secret-{Guid.NewGuid():N}@example.com";
        (await client.PostAsync("/api/authentication/signup", TestMembers.Registration(email))).Status.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsync("/api/authentication/login", new { email, password = "Wr0ng!Password" })).Status.ShouldNotBe(HttpStatusCode.OK);
        var login = await client.LoginAsync(email);
        var refreshToken = login.RefreshCookie!;
        client.Http.DefaultRequestHeaders.Add("Cookie", $"refresh_token={refreshToken}");
        (await client.PostAsync("/api/token/refresh")).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/api/token/refresh")).Status.ShouldBe(HttpStatusCode.OK, "reuse of the rotated token within the reuse grace rotates again (and is logged)");
        (await client.GetAsync("/api/members/profile", token: client.AccessToken + "tampered")).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var secrets = new[] { TestMembers.Password, "Wr0ng!Password", client.AccessToken!, client.AccessToken!.Split('.')[2], refreshToken };
        // Snapshots first: silos keep logging, and LINQ sizes a Concat of live queues before it copies them.
        var lines = gatewayLogs.Lines.ToArray().Concat(cluster.SiloLogs.Lines.ToArray()).Select(l => l.Message).ToList();
        lines.ShouldContain(l => l.Contains("reused within the grace window"), "the reuse is logged, by session family only");
        foreach (var secret in secrets)
        {
            lines.ShouldNotContain(l => l.Contains(secret), $"a log line carries a secret ({secret[..4]}...)");
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dailyfeed.Gateway.Api.RateLimiting;
using Dailyfeed.Testing.Silos;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>Budgets shared by every gateway through a real redis-server, and what happens when Redis is away.</summary>
public sealed class SharedRateLimitTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    private const int Gateways = 3;
    private const int LeaseSize = 5;

    // Windows are aligned to the clock; one this long makes a burst straddling two of them a rare event, and the
    // assertions below still allow for it (a straddling burst may draw from two windows' budgets).
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_members_burst_spread_over_three_gateways_is_admitted_about_once()
    {
        const int Limit = 30;
        var gateways = SharedGateways(RedisServer.UniqueKeyPrefix(), ("Dailyfeed:RateLimiting:PerMemberPermitLimit", Limit));
        var clients = gateways.Select(g => g.CreateApiClient()).ToList();
        await WaitForSharedBudgetsAsync(gateways);
        await clients[0].SignupAndLoginAsync();
        var token = clients[0].AccessToken;

        var start = DateTimeOffset.UtcNow;
        var burst = await Task.WhenAll(Enumerable.Range(0, Gateways * Limit).Select(i => clients[i % Gateways].GetAsync("/api/members/summary", token)));
        var windows = WindowsSpanned(start);

        burst.ShouldAllBe(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.TooManyRequests);
        var admitted = burst.Count(r => r.Status == HttpStatusCode.OK);
        admitted.ShouldBeLessThanOrEqualTo(Limit * windows, "Redis never grants more than the limit per window");
        admitted.ShouldBeGreaterThanOrEqualTo(Limit - Gateways * (LeaseSize - 1), "at most a partial lease per gateway goes unspent");
    }

    [Fact]
    public async Task A_forwarded_clients_address_budget_holds_across_gateways_and_is_its_own()
    {
        const int Limit = 20;
        var gateways = SharedGateways(RedisServer.UniqueKeyPrefix(),
            ("Dailyfeed:RateLimiting:PerIpPermitLimit", Limit), ("Dailyfeed:ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8"));
        var clients = gateways.Select(g => g.StartOnLoopbackSocket()).ToList();
        await WaitForSharedBudgetsAsync(gateways);

        var start = DateTimeOffset.UtcNow;
        var burst = await Task.WhenAll(Enumerable.Range(0, Gateways * Limit).Select(i => AnonymousAsync(clients[i % Gateways], "198.51.100.7")));
        var windows = WindowsSpanned(start);
        var another = await AnonymousAsync(clients[1], "198.51.100.8");

        // Anonymous profile reads answer 401 when admitted: only the limiter says 429.
        burst.ShouldAllBe(s => s == HttpStatusCode.Unauthorized || s == HttpStatusCode.TooManyRequests);
        var admitted = burst.Count(s => s == HttpStatusCode.Unauthorized);
        admitted.ShouldBeLessThanOrEqualTo(Limit * windows);
        admitted.ShouldBeGreaterThanOrEqualTo(Limit - Gateways * (LeaseSize - 1));
        another.ShouldBe(HttpStatusCode.Unauthorized, "another forwarded client has a budget of its own");
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task With_redis_unreachable_each_gateway_keeps_its_own_budget_counts_the_fallback_and_never_fails()
    {
        const int Limit = 5;
        var gateway = cluster.AddGateway(Settings(RedisServer.SharedBudgets(RedisServer.UniqueKeyPrefix(), $"127.0.0.1:{ClosedPort()}"),
            ("Dailyfeed:RateLimiting:PerMemberPermitLimit", Limit)));
        using var client = gateway.CreateApiClient();
        await client.SignupAndLoginAsync();

        var start = DateTimeOffset.UtcNow;
        var burst = new List<ApiResponse>();
        for (var i = 0; i < Limit + 3; i++)
        {
            burst.Add(await client.GetAsync("/api/members/summary"));
        }

        burst.ShouldAllBe(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.TooManyRequests);
        if (WindowsSpanned(start) == 1)
        {
            burst.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(Limit, "the gateway's own budget, as without Redis");
        }

        Fallbacks(await gateway.CreateClient().GetStringAsync("/metrics")).ShouldBeGreaterThanOrEqualTo(Limit);
    }

    [Fact]
    public async Task When_redis_goes_away_mid_window_the_gateway_goes_on_from_what_it_already_admitted()
    {
        const int Limit = 10;
        const int BeforeTheCut = 3;
        using var redis = new TcpProxy(RedisEndpoint());
        var gateway = cluster.AddGateway(Settings(RedisServer.SharedBudgets(RedisServer.UniqueKeyPrefix(), $"127.0.0.1:{redis.Port}"),
            ("Dailyfeed:RateLimiting:PerMemberPermitLimit", Limit), ("Dailyfeed:RateLimiting:LeaseSize", LeaseSize)));
        using var client = gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        await WaitForSharedBudgetsAsync(gateway);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < BeforeTheCut; i++)
        {
            (await client.GetAsync("/api/members/summary")).Status.ShouldBe(HttpStatusCode.OK);
        }

        redis.Down();
        var afterTheCut = new List<ApiResponse>();
        for (var i = 0; i < Limit; i++)
        {
            afterTheCut.Add(await client.GetAsync("/api/members/summary"));
        }

        afterTheCut.ShouldAllBe(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.TooManyRequests, "never a 5xx");
        if (WindowsSpanned(start) == 1)
        {
            afterTheCut.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(Limit - BeforeTheCut, "the local budget counts what was admitted while Redis was up");
        }

        Fallbacks(await gateway.CreateClient().GetStringAsync("/metrics")).ShouldBeGreaterThan(0);
    }

    private List<GatewayFactory> SharedGateways(string keyPrefix, params (string Key, object Value)[] settings) =>
        Enumerable.Range(0, Gateways)
            .Select(_ => cluster.AddGateway(Settings(RedisServer.SharedBudgets(keyPrefix), [.. settings, ("Dailyfeed:RateLimiting:LeaseSize", LeaseSize)])))
            .ToList();

    private static async Task WaitForSharedBudgetsAsync(IEnumerable<GatewayFactory> gateways)
    {
        foreach (var gateway in gateways)
        {
            await WaitForSharedBudgetsAsync(gateway);
        }
    }

    /// <summary>Each gateway connects in the background and decides alone until then: a shared-budget test waits for it.</summary>
    private static Task WaitForSharedBudgetsAsync(GatewayFactory gateway) =>
        Eventually.HoldsAsync(() => Task.FromResult(gateway.Services.GetRequiredService<SharedBudgetStore>().IsAvailable));

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> redis, params (string Key, object Value)[] settings)
    {
        redis["Dailyfeed:RateLimiting:Window"] = Window.ToString();
        foreach (var (key, value) in settings)
        {
            redis[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        return redis;
    }

    private static int WindowsSpanned(DateTimeOffset start)
    {
        var windowMilliseconds = (long)Window.TotalMilliseconds;
        return (int)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / windowMilliseconds - start.ToUnixTimeMilliseconds() / windowMilliseconds) + 1;
    }

    private static async Task<HttpStatusCode> AnonymousAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/members/profile/1");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static double Fallbacks(string metrics) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("dailyfeed_rate_limit_local_fallbacks_total{budget=\"member\"} ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();

    private static IPEndPoint RedisEndpoint()
    {
        var (host, port) = (RedisServer.Configuration.Split(':')[0], int.Parse(RedisServer.Configuration.Split(':')[1], CultureInfo.InvariantCulture));
        return new IPEndPoint(IPAddress.Parse(host), port);
    }

    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

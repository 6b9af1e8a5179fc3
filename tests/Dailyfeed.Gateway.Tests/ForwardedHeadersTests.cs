using System.Net;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>Per-IP budgets count the client a trusted proxy names, and nobody else's X-Forwarded-For.</summary>
public sealed class ForwardedHeadersTests
{
    private const int PerIpLimit = 2;

    // Any route that reaches the rate limiter will do: without a token this one answers 401 unless the budget is spent.
    private const string Route = "/api/members/profile/1";

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_address_budget()
    {
        await using var gateway = new KestrelGateway(Settings(("Dailyfeed:ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8")));

        var first = await BurstAsync(gateway.Client, PerIpLimit + 1, _ => "203.0.113.1");
        var second = await SendAsync(gateway.Client, "203.0.113.2");

        first.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(1, "203.0.113.1 spent its own budget");
        second.ShouldNotBe(HttpStatusCode.TooManyRequests, "203.0.113.2 is another client with a budget of its own");
    }

    [Fact]
    public async Task A_forwarded_header_from_an_address_outside_the_trusted_networks_is_ignored()
    {
        await using var gateway = new KestrelGateway(Settings(("Dailyfeed:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8")));

        var spoofed = await BurstAsync(gateway.Client, PerIpLimit + 1, i => $"203.0.113.{i + 1}");

        spoofed.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(1, "every request counts against 127.0.0.1, whatever it claims");
    }

    [Fact]
    public async Task Without_configured_proxies_no_forwarded_header_is_believed()
    {
        // ASP.NET Core's middleware believes every sender when both trust lists are empty: the gateway must not run it then.
        await using var gateway = new KestrelGateway(Settings());

        var spoofed = await BurstAsync(gateway.Client, PerIpLimit + 1, i => $"203.0.113.{i + 1}");

        spoofed.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(1);
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dailyfeed:RateLimiting:PerIpPermitLimit"] = PerIpLimit.ToString(),
            // Long enough that the whole test sits in one window.
            ["Dailyfeed:RateLimiting:Window"] = "00:10:00",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<List<HttpStatusCode>> BurstAsync(HttpClient client, int requests, Func<int, string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < requests; i++)
        {
            statuses.Add(await SendAsync(client, forwardedFor(i)));
        }

        return statuses;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

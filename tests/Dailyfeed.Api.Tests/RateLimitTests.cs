using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class RateLimitTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task A_burst_over_the_member_budget_gets_429_in_the_envelope()
    {
        var strict = cluster.AddGateway(new Dictionary<string, string?>
        {
            ["Dailyfeed:RateLimiting:PerMemberPermitLimit"] = "5",
            ["Dailyfeed:RateLimiting:Window"] = "00:00:10",
        });
        using var client = strict.CreateApiClient();
        await client.SignupAndLoginAsync();

        var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetAsync("/api/members/summary")));

        burst.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(5);
        var rejected = burst.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        rejected.Count.ShouldBe(7);
        rejected.ShouldAllBe(r => r.Code == "TOO_MANY_REQUEST");
        rejected[0].Header("Retry-After").ShouldNotBeNull();
        (await strict.CreateClient().GetStringAsync("/metrics")).ShouldContain("dailyfeed_rate_limit_rejections_total");
    }

    [Fact]
    public async Task A_burst_over_the_address_budget_gets_429_even_without_a_token()
    {
        var strict = cluster.AddGateway(new Dictionary<string, string?>
        {
            ["Dailyfeed:RateLimiting:PerIpPermitLimit"] = "3",
            ["Dailyfeed:RateLimiting:Window"] = "00:00:10",
        });
        using var client = strict.CreateApiClient();

        var burst = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync("/api/authentication/login", new { email = "x@example.com", password = "nope" })));

        burst.Count(r => r.Status == HttpStatusCode.TooManyRequests).ShouldBe(3);
        (await client.GetAsync("/healthcheck/live")).Status.ShouldBe(HttpStatusCode.OK, "probes are never rate limited");
    }

    [Fact]
    public async Task The_member_budget_comes_back_once_the_window_has_passed()
    {
        var window = TimeSpan.FromSeconds(1);
        var strict = cluster.AddGateway(new Dictionary<string, string?>
        {
            ["Dailyfeed:RateLimiting:PerMemberPermitLimit"] = "2",
            ["Dailyfeed:RateLimiting:Window"] = window.ToString(),
        });
        using var client = strict.CreateApiClient();
        await client.SignupAndLoginAsync();
        var spent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/api/members/summary")));
        spent.Count(r => r.Status == HttpStatusCode.TooManyRequests).ShouldBeGreaterThan(0);

        // Two windows: the budget is refilled by a timer that ticks within the window after it ends.
        await Task.Delay(window * 2);

        (await client.GetAsync("/api/members/summary")).Status.ShouldBe(HttpStatusCode.OK);
    }
}

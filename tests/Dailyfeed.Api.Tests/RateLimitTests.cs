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
}

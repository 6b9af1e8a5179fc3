using System.Security.Claims;
using Dailyfeed.Gateway.Api.Fallbacks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Orleans.Runtime;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>Which page a member sees when the cluster is down: the last one stored for them, at most a refresh interval old.</summary>
public sealed class LastGoodPageTests
{
    private const string Feed = "/api/timeline/posts/followings";

    [Fact]
    public async Task A_page_read_within_the_refresh_interval_is_not_stored_again_so_an_outage_serves_the_earlier_one()
    {
        using var filter = Filter(TimeSpan.FromMinutes(1));
        await ReadAsync(filter, member: 1, "first");
        await ReadAsync(filter, member: 1, "second");

        var served = await ReadDuringOutageAsync(filter, member: 1);

        served.Value.ShouldBe("first");
        served.Headers[LastGoodPageFilter.StaleHeader].ToString().ShouldBe("true");
    }

    [Fact]
    public async Task Once_the_refresh_interval_has_passed_an_outage_serves_the_latest_good_page()
    {
        using var filter = Filter(TimeSpan.Zero);
        await ReadAsync(filter, member: 1, "first");
        await ReadAsync(filter, member: 1, "second");

        (await ReadDuringOutageAsync(filter, member: 1)).Value.ShouldBe("second");
    }

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task Every_kind_of_outage_serves_the_last_good_page(Exception outage)
    {
        using var filter = Filter(TimeSpan.Zero);
        await ReadAsync(filter, member: 1, "good");

        (await ReadDuringOutageAsync(filter, member: 1, outage)).Value.ShouldBe("good");
    }

    [Fact]
    public async Task A_failure_that_is_not_an_outage_is_not_hidden_behind_an_old_page()
    {
        using var filter = Filter(TimeSpan.Zero);
        await ReadAsync(filter, member: 1, "good");

        await Should.ThrowAsync<InvalidOperationException>(
            () => ReadDuringOutageAsync(filter, member: 1, new InvalidOperationException("a bug, not an outage")));
    }

    [Fact]
    public async Task An_outage_never_serves_another_members_page()
    {
        using var filter = Filter(TimeSpan.Zero);
        await ReadAsync(filter, member: 1, "member one's feed");

        await Should.ThrowAsync<SiloUnavailableException>(() => ReadDuringOutageAsync(filter, member: 2));
    }

    public static TheoryData<Exception> Outages() => ClusterOutages.All();

    private static LastGoodPageFilter Filter(TimeSpan refreshInterval) =>
        new(Options.Create(new FallbackOptions { RefreshInterval = refreshInterval }), NullLogger<LastGoodPageFilter>.Instance);

    private static async Task ReadAsync(LastGoodPageFilter filter, long member, string page) =>
        await filter.InvokeAsync(Invocation(member), _ => ValueTask.FromResult<object?>(TypedResults.Ok(page)));

    private static async Task<(object? Value, IHeaderDictionary Headers)> ReadDuringOutageAsync(
        LastGoodPageFilter filter, long member, Exception? outage = null)
    {
        var invocation = Invocation(member);
        var failure = outage ?? new SiloUnavailableException("the cluster is down");
        var result = await filter.InvokeAsync(invocation, _ => throw failure);
        return ((result as IValueHttpResult)?.Value, invocation.HttpContext.Response.Headers);
    }

    private static DefaultEndpointFilterInvocationContext Invocation(long member)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, member.ToString())], "test")),
        };
        http.Request.Path = Feed;
        return new DefaultEndpointFilterInvocationContext(http);
    }
}

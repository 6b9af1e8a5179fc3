using System.Security.Claims;
using Dailyfeed.Gateway.Api.Fallbacks;
using Dailyfeed.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
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

    [Fact]
    public async Task An_outage_never_serves_another_members_page()
    {
        using var filter = Filter(TimeSpan.Zero);
        await ReadAsync(filter, member: 1, "member one's feed");

        await Should.ThrowAsync<SiloUnavailableException>(() => ReadDuringOutageAsync(filter, member: 2));
    }

    private static LastGoodPageFilter Filter(TimeSpan refreshInterval) =>
        new(Options.Create(new FallbackOptions { RefreshInterval = refreshInterval }), NullLogger<LastGoodPageFilter>.Instance);

    private static async Task ReadAsync(LastGoodPageFilter filter, long member, string page) =>
        await filter.InvokeAsync(Invocation(member), _ => ValueTask.FromResult<object?>(TypedResults.Ok(page)));

    private static async Task<(object? Value, IHeaderDictionary Headers)> ReadDuringOutageAsync(LastGoodPageFilter filter, long member)
    {
        var invocation = Invocation(member);
        var result = await filter.InvokeAsync(invocation, _ => throw new SiloUnavailableException("the cluster is down"));
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

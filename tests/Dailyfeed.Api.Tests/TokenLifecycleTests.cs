using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class TokenLifecycleTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    private const string RefreshNeeded = "X-Token-Refresh-Needed";
    private const string Relogin = "X-Relogin-Required";

    [Fact]
    public async Task Refresh_rotates_both_tokens()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var firstAccess = client.AccessToken;

        var refreshed = await client.PostAsync("/api/token/refresh");

        refreshed.Status.ShouldBe(HttpStatusCode.OK, refreshed.ToString());
        refreshed.Header("Authorization")!.ShouldNotBe($"Bearer {firstAccess}");
        refreshed.Header("Set-Cookie")!.ShouldStartWith("refresh_token=");
        client.AccessToken = refreshed.AccessToken.ShouldNotBeNull();
        (await client.GetAsync("/api/members/summary")).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/api/authentication/refresh")).Status.ShouldBe(HttpStatusCode.OK, "the alias works with the rotated cookie");
    }

    [Fact]
    public async Task A_logged_out_access_token_is_refused_with_relogin_required()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var token = client.AccessToken;

        (await client.PostAsync("/api/authentication/logout")).Status.ShouldBe(HttpStatusCode.OK);

        var reuse = await client.GetAsync("/api/members/summary", token);
        reuse.Status.ShouldBe(HttpStatusCode.Unauthorized);
        reuse.Header(Relogin).ShouldBe("true");
        (await client.PostAsync("/api/token/refresh")).Status.ShouldBe(HttpStatusCode.Unauthorized, "logout revokes the refresh token too");
    }

    [Fact]
    public async Task Another_gateway_refuses_a_logged_out_token_within_one_second()
    {
        var otherGateway = cluster.AddGateway();
        using var client = cluster.Gateway.CreateApiClient();
        using var elsewhere = otherGateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var token = client.AccessToken;
        (await elsewhere.GetAsync("/api/members/summary", token)).Status.ShouldBe(HttpStatusCode.OK);

        (await client.PostAsync("/api/authentication/logout")).Status.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var reuse = await elsewhere.GetAsync("/api/members/summary", token);
        reuse.Status.ShouldBe(HttpStatusCode.Unauthorized);
        reuse.Header(Relogin).ShouldBe("true");
    }

    [Fact]
    public async Task Logout_all_revokes_every_session_of_the_member()
    {
        using var laptop = cluster.Gateway.CreateApiClient();
        using var phone = cluster.Gateway.CreateApiClient();
        var email = $"multi{Guid.NewGuid():N}@example.com";
        await laptop.PostAsync("/api/authentication/signup", TestMembers.Registration(email));
        await laptop.LoginAsync(email);
        await phone.LoginAsync(email);

        (await laptop.PostAsync("/api/authentication/logout-all")).Status.ShouldBe(HttpStatusCode.OK);

        var phoneRefresh = await phone.PostAsync("/api/token/refresh");
        phoneRefresh.Status.ShouldBe(HttpStatusCode.Unauthorized);
        phoneRefresh.Header(Relogin).ShouldBe("true");
    }

    [Fact]
    public async Task Forged_unsigned_and_unknown_key_tokens_are_refused()
    {
        using var client = cluster.Gateway.CreateApiClient();
        var memberId = await client.SignupAndLoginAsync();
        var valid = client.AccessToken!;

        foreach (var forged in new[] { ForgedTokens.WithTamperedSignature(valid), ForgedTokens.WithAlgNone(valid), ForgedTokens.SignedByUnknownKey(memberId), "not.a.jwt" })
        {
            var response = await client.GetAsync("/api/members/summary", forged);
            response.Status.ShouldBe(HttpStatusCode.Unauthorized, forged);
            response.Code.ShouldBe("INVALID_TOKEN");
            response.Header(RefreshNeeded).ShouldBeNull();
        }

        using var anonymous = cluster.Gateway.CreateApiClient();
        var missing = await anonymous.GetAsync("/api/members/summary");
        missing.Status.ShouldBe(HttpStatusCode.Unauthorized);
        missing.Code.ShouldBe("BEARER_TOKEN_MISSING");
    }

    [Fact]
    public async Task An_expired_access_token_asks_for_a_refresh_while_the_refresh_token_is_good()
    {
        var shortLived = cluster.AddGateway(new Dictionary<string, string?>
        {
            ["Dailyfeed:Jwt:AccessTokenLifetime"] = "00:00:02",
            ["Dailyfeed:Jwt:ClockSkew"] = "00:00:00",
        });
        using var client = shortLived.CreateApiClient();
        await client.SignupAndLoginAsync();
        var token = client.AccessToken;
        (await client.GetAsync("/api/members/summary")).Status.ShouldBe(HttpStatusCode.OK, "verified once, so the gateway remembers the token");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var expired = await client.GetAsync("/api/members/summary");
        expired.Status.ShouldBe(HttpStatusCode.Unauthorized);
        expired.Code.ShouldBe("JWT_EXPIRED");
        expired.Header(RefreshNeeded).ShouldBe("true");

        using var withoutCookie = shortLived.CreateApiClient();
        var noRefresh = await withoutCookie.GetAsync("/api/members/summary", token);
        noRefresh.Status.ShouldBe(HttpStatusCode.Unauthorized);
        noRefresh.Header(Relogin).ShouldBe("true");

        var refreshed = await client.PostAsync("/api/token/refresh");
        refreshed.Status.ShouldBe(HttpStatusCode.OK);

        // The new token lives 2 s too; a gateway with the default clock skew checks it without racing that second.
        using var elsewhere = cluster.Gateway.CreateApiClient();
        (await elsewhere.GetAsync("/api/members/summary", refreshed.AccessToken.ShouldNotBeNull())).Status.ShouldBe(HttpStatusCode.OK);
    }
}

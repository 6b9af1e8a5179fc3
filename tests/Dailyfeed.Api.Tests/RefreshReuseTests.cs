using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// A rotated refresh token stays good for the reuse grace (default 30 s): requests that raced a refresh and tabs that
/// share one cookie are never told to log in again, while logout still ends a session at once.
/// </summary>
public sealed class RefreshReuseTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    private const string RefreshPath = "/api/token/refresh";
    private const string ReadPath = "/api/members/summary";
    private const string RefreshNeeded = "X-Token-Refresh-Needed";
    private const string Relogin = "X-Relogin-Required";

    [Fact]
    public async Task Requests_with_an_expired_token_racing_a_refresh_are_never_told_to_log_in_again()
    {
        const int rounds = 200;
        const int racingRequests = 10;
        var shortLived = cluster.AddGateway(new Dictionary<string, string?>
        {
            ["Dailyfeed:Jwt:AccessTokenLifetime"] = "00:00:01",
            ["Dailyfeed:Jwt:ClockSkew"] = "00:00:00",
        });
        using var client = shortLived.CreateCookielessApiClient();
        var (expired, cookie) = await SignupAndLoginAsync(client);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var relogins = 0;
        var unhinted = new List<string>();
        for (var round = 0; round < rounds; round++)
        {
            var reads = Enumerable.Range(0, racingRequests)
                .Select(_ => client.SendAsync(HttpMethod.Get, ReadPath, token: expired, refreshCookie: cookie))
                .ToList();
            var refresh = await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: cookie);
            foreach (var read in await Task.WhenAll(reads))
            {
                read.Status.ShouldBe(HttpStatusCode.Unauthorized, read.ToString());
                relogins += read.Header(Relogin) is "true" ? 1 : 0;
                if (read.Header(RefreshNeeded) is not "true")
                {
                    unhinted.Add($"round {round}: {read}");
                }
            }

            refresh.Status.ShouldBe(HttpStatusCode.OK, $"round {round}: {refresh}");
            cookie = refresh.RefreshCookie.ShouldNotBeNull();
        }

        relogins.ShouldBe(0, $"of {rounds * racingRequests} requests that raced a refresh");
        unhinted.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_token_sent_with_the_cookie_a_refresh_just_rotated_is_told_to_refresh_not_to_log_in()
    {
        var shortLived = cluster.AddGateway(new Dictionary<string, string?>
        {
            ["Dailyfeed:Jwt:AccessTokenLifetime"] = "00:00:01",
            ["Dailyfeed:Jwt:ClockSkew"] = "00:00:00",
        });
        using var client = shortLived.CreateCookielessApiClient();
        var (expired, rotatedAway) = await SignupAndLoginAsync(client);
        // Waiting longer than the lifetime only guarantees expiry; a slow machine waits longer, which changes nothing.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var refresh = await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: rotatedAway);
        refresh.Status.ShouldBe(HttpStatusCode.OK, refresh.ToString());

        var read = await client.SendAsync(HttpMethod.Get, ReadPath, token: expired, refreshCookie: rotatedAway);

        read.Status.ShouldBe(HttpStatusCode.Unauthorized, read.ToString());
        read.Header(RefreshNeeded).ShouldBe("true", read.ToString());
        read.Header(Relogin).ShouldBeNull(read.ToString());
        var followUp = await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: rotatedAway);
        followUp.Status.ShouldBe(HttpStatusCode.OK, $"the refresh the hint asks for works with the same cookie: {followUp}");
    }

    [Fact]
    public async Task Five_refreshes_with_one_cookie_all_succeed_and_every_cookie_they_hand_out_refreshes_again()
    {
        using var client = cluster.Gateway.CreateCookielessApiClient();
        var (_, cookie) = await SignupAndLoginAsync(client);

        var refreshes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: cookie)));

        foreach (var refresh in refreshes)
        {
            refresh.Status.ShouldBe(HttpStatusCode.OK, refresh.ToString());
            (await client.GetAsync(ReadPath, refresh.AccessToken.ShouldNotBeNull())).Status.ShouldBe(HttpStatusCode.OK);
        }

        foreach (var handedOut in refreshes.Select(r => r.RefreshCookie.ShouldNotBeNull()))
        {
            var again = await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: handedOut);
            again.Status.ShouldBe(HttpStatusCode.OK, again.ToString());
            (await client.GetAsync(ReadPath, again.AccessToken.ShouldNotBeNull())).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_token_rotated_a_moment_ago_refreshes_in_the_same_family_without_revoking_it()
    {
        using var client = cluster.Gateway.CreateCookielessApiClient();
        var (_, first) = await SignupAndLoginAsync(client);
        var second = (await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: first)).RefreshCookie.ShouldNotBeNull();

        var reuse = await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: first);

        reuse.Status.ShouldBe(HttpStatusCode.OK, reuse.ToString());
        var read = await client.GetAsync(ReadPath, reuse.AccessToken.ShouldNotBeNull());
        read.Status.ShouldBe(HttpStatusCode.OK, $"the access token a reuse hands out must work: {read}");
        FamilyOf(reuse.RefreshCookie.ShouldNotBeNull()).ShouldBe(FamilyOf(first));
        (await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: second)).Status.ShouldBe(HttpStatusCode.OK, "the family was not revoked");
    }

    [Fact]
    public async Task Logout_ends_the_family_at_once_even_for_a_token_inside_the_grace()
    {
        using var client = cluster.Gateway.CreateCookielessApiClient();
        var (_, first) = await SignupAndLoginAsync(client);
        var rotated = await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: first);
        var second = rotated.RefreshCookie.ShouldNotBeNull();

        var logout = await client.SendAsync(HttpMethod.Post, "/api/authentication/logout", token: rotated.AccessToken, refreshCookie: second);
        logout.Status.ShouldBe(HttpStatusCode.OK, logout.ToString());

        await ShouldNeedReloginAsync(client, first);
        await ShouldNeedReloginAsync(client, second);
    }

    [Fact]
    public async Task Logout_all_ends_every_family_at_once_even_for_tokens_inside_the_grace()
    {
        using var laptop = cluster.Gateway.CreateCookielessApiClient();
        var email = NewEmail();
        var (_, laptopFirst) = await SignupAndLoginAsync(laptop, email);
        var phoneLogin = await laptop.PostAsync("/api/authentication/login", new { email, password = TestMembers.Password });
        var phoneCookie = phoneLogin.RefreshCookie.ShouldNotBeNull();
        var rotated = await laptop.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: laptopFirst);

        var logoutAll = await laptop.SendAsync(HttpMethod.Post, "/api/authentication/logout-all", token: rotated.AccessToken);
        logoutAll.Status.ShouldBe(HttpStatusCode.OK, logoutAll.ToString());

        await ShouldNeedReloginAsync(laptop, laptopFirst);
        await ShouldNeedReloginAsync(laptop, rotated.RefreshCookie.ShouldNotBeNull());
        await ShouldNeedReloginAsync(laptop, phoneCookie);
    }

    internal static async Task ShouldNeedReloginAsync(ApiClient client, string cookie)
    {
        var refresh = await client.SendAsync(HttpMethod.Post, RefreshPath, refreshCookie: cookie);
        refresh.Status.ShouldBe(HttpStatusCode.Unauthorized, refresh.ToString());
        refresh.Header(Relogin).ShouldBe("true");
    }

    internal static string FamilyOf(string refreshToken) => refreshToken[..refreshToken.IndexOf('.')];

    /// <summary>Signs up and logs in with a client that keeps no cookies: returns the tokens the login handed out.</summary>
    internal static async Task<(string AccessToken, string RefreshCookie)> SignupAndLoginAsync(ApiClient client, string? email = null)
    {
        email ??= NewEmail();
        var signup = await client.PostAsync("/api/authentication/signup", TestMembers.Registration(email));
        signup.Status.ShouldBe(HttpStatusCode.Created, signup.ToString());
        var login = await client.PostAsync("/api/authentication/login", new { email, password = TestMembers.Password });
        login.Status.ShouldBe(HttpStatusCode.OK, login.ToString());
        return (login.AccessToken.ShouldNotBeNull(), login.RefreshCookie.ShouldNotBeNull());
    }

    private static string NewEmail() => $"r{Guid.NewGuid():N}@example.com";
}

/// <summary>A cluster whose rotated refresh tokens stay good for only one second, so theft detection can be watched.</summary>
public sealed class ShortReuseGraceCluster : ApiCluster
{
    protected override IReadOnlyDictionary<string, string?> GrainSettings { get; } = new Dictionary<string, string?>
    {
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
        ["Dailyfeed:Jwt:RefreshReuseGrace"] = "00:00:01",
    };
}

public sealed class RefreshReuseAfterGraceTests(ShortReuseGraceCluster cluster) : IClassFixture<ShortReuseGraceCluster>
{
    [Fact]
    public async Task Reusing_a_rotated_token_after_the_grace_revokes_the_whole_family()
    {
        using var owner = cluster.Gateway.CreateCookielessApiClient();
        var (_, stolen) = await RefreshReuseTests.SignupAndLoginAsync(owner);
        var rotated = await owner.SendAsync(HttpMethod.Post, "/api/token/refresh", refreshCookie: stolen);
        rotated.Status.ShouldBe(HttpStatusCode.OK, rotated.ToString());
        await Task.Delay(TimeSpan.FromSeconds(2));

        using var thief = cluster.Gateway.CreateCookielessApiClient();
        await RefreshReuseTests.ShouldNeedReloginAsync(thief, stolen);
        await RefreshReuseTests.ShouldNeedReloginAsync(owner, rotated.RefreshCookie.ShouldNotBeNull());
    }
}

using System.Net;
using Dailyfeed.Grains.Abstractions.Authentication;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>A cluster whose refresh tokens live 2 s, indexed in 1 s expiry buckets.</summary>
public sealed class ShortSessionCluster : ApiCluster
{
    protected override IReadOnlyDictionary<string, string?> GrainSettings { get; } = new Dictionary<string, string?>
    {
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
        ["Dailyfeed:Authentication:RefreshTokenLifetime"] = "00:00:02",
        ["Dailyfeed:Authentication:SessionExpiryBucket"] = "00:00:01",
    };
}

public sealed class TokenCleanupTests(ShortSessionCluster cluster) : IClassFixture<ShortSessionCluster>
{
    [Fact]
    public async Task An_expired_refresh_token_requires_login_and_cleanup_deletes_expired_sessions_and_blacklist_rows()
    {
        var shortAccess = cluster.AddGateway(new Dictionary<string, string?>
        {
            // Long enough to log out right after logging in on a busy machine, short enough to expire within the wait.
            ["Dailyfeed:Jwt:AccessTokenLifetime"] = "00:00:03",
            ["Dailyfeed:Jwt:ClockSkew"] = "00:00:00",
        });
        using var idle = shortAccess.CreateApiClient();
        using var leaving = shortAccess.CreateApiClient();
        await idle.SignupAndLoginAsync();
        await leaving.SignupAndLoginAsync();
        (await leaving.PostAsync("/api/authentication/logout")).Status.ShouldBe(HttpStatusCode.OK);

        // Past the access token's 3 s, and far enough past the idle session's 2 s that its expiry bucket lies more than
        // a lifetime behind the first cleanup pass: a pass that only looked back one lifetime would miss it.
        await Task.Delay(TimeSpan.FromSeconds(6.5));

        var expired = await idle.PostAsync("/api/token/refresh");
        expired.Status.ShouldBe(HttpStatusCode.Unauthorized);
        expired.Header("X-Relogin-Required").ShouldBe("true");
        var cleanup = cluster.Cluster.Client.GetGrain<ITokenCleanupGrain>(TokenCleanup.Key);
        var result = await cleanup.CleanupAsync();
        result.ExpiredSessions.ShouldBeGreaterThanOrEqualTo(1, "the idle member's session expired");
        result.BlacklistEntries.ShouldBeGreaterThanOrEqualTo(1, "the logged-out token expired");
        (await cleanup.CleanupAsync()).ShouldBe(new TokenCleanupResult(0, 0), "a second pass finds nothing left");
    }
}

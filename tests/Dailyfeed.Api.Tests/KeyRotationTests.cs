using System.Net;
using Dailyfeed.Grains.Abstractions.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// A cluster whose retired keys verify for only 3 s and are deleted 2 s after that, so the grace window can be watched
/// closing and a key being forgotten.
/// </summary>
public sealed class ShortGraceCluster : ApiCluster
{
    protected override IReadOnlyDictionary<string, string?> GrainSettings { get; } = new Dictionary<string, string?>
    {
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
        ["Dailyfeed:Authentication:KeyGracePeriod"] = "00:00:03",
        ["Dailyfeed:Authentication:ExpiredKeyRetention"] = "00:00:02",
    };
}

public sealed class KeyRotationTests(ShortGraceCluster cluster) : IClassFixture<ShortGraceCluster>
{
    [Fact]
    public async Task A_token_of_a_retired_key_works_with_a_hint_during_grace_then_must_refresh()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var before = await client.GetAsync("/api/members/summary");
        before.Status.ShouldBe(HttpStatusCode.OK);
        before.Header("X-Token-Refresh-Needed").ShouldBeNull();

        await cluster.Cluster.Client.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key).RotateAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(600));

        var duringGrace = await client.GetAsync("/api/members/summary");
        duringGrace.Status.ShouldBe(HttpStatusCode.OK);
        duringGrace.Header("X-Token-Refresh-Needed").ShouldBe("true");

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var afterGrace = await client.GetAsync("/api/members/summary");
        afterGrace.Status.ShouldBe(HttpStatusCode.Unauthorized);
        afterGrace.Code.ShouldBe("JWT_KEY_EXPIRED");
        afterGrace.Header("X-Token-Refresh-Needed").ShouldBe("true");

        var refreshed = await client.PostAsync("/api/token/refresh");
        refreshed.Status.ShouldBe(HttpStatusCode.OK);
        client.AccessToken = refreshed.AccessToken.ShouldNotBeNull();
        var withNewKey = await client.GetAsync("/api/members/summary");
        withNewKey.Status.ShouldBe(HttpStatusCode.OK);
        withNewKey.Header("X-Token-Refresh-Needed").ShouldBeNull();
    }

    [Fact]
    public async Task A_token_of_a_deleted_key_with_a_live_refresh_cookie_asks_for_a_refresh_not_a_new_login()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var oldKeyId = new JsonWebToken(client.AccessToken).Kid;
        var ring = cluster.Cluster.Client.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key);
        await ring.RotateAsync();

        // Grace (3 s) plus retention (2 s), then the ring deletes the key on its next read; the gateway re-reads every 200 ms.
        await Task.Delay(TimeSpan.FromSeconds(5));
        await Eventually.HoldsAsync(async () => (await ring.GetKeysAsync()).ForgottenKeyIds.Contains(oldKeyId));
        (await ring.GetKeysAsync()).Keys.ShouldNotContain(k => k.KeyId == oldKeyId, "the key and its secret are gone");
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/api/members/summary")).Code == "JWT_KEY_EXPIRED");

        var stale = await client.GetAsync("/api/members/summary");
        stale.Status.ShouldBe(HttpStatusCode.Unauthorized);
        stale.Header("X-Token-Refresh-Needed").ShouldBe("true");
        stale.Header("X-Relogin-Required").ShouldBeNull();
        var refreshed = await client.PostAsync("/api/token/refresh");
        refreshed.Status.ShouldBe(HttpStatusCode.OK, refreshed.ToString());
        (await client.GetAsync("/api/members/summary", refreshed.AccessToken.ShouldNotBeNull())).Status.ShouldBe(HttpStatusCode.OK);
    }
}

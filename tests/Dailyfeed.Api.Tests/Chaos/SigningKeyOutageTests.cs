using System.Net;
using Orleans;
using Orleans.Runtime;
using Shouldly;

namespace Dailyfeed.Api.Tests.Chaos;

/// <summary>
/// The gateway re-reads the signing keys every few seconds from the key-ring grain, whose state lives in PostgreSQL.
/// While the database is down and that grain's activation is gone, the re-read fails: members must stay signed in
/// on the keys the gateway already holds, and get the degraded pages the outage allows, not a 503 for every request.
/// </summary>
public sealed class SigningKeyOutageTests(DatabaseOutageCluster cluster) : IClassFixture<DatabaseOutageCluster>
{
    /// <summary>Past the gateway's key refresh interval (5 s), so the next request asks the key ring again.</summary>
    private static readonly TimeSpan PastKeyRefresh = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task A_signed_in_member_reads_the_last_good_feed_while_the_key_ring_cannot_load()
    {
        var during = await ReadDuringKeyRingOutageAsync(cluster.Gateway);

        during.Status.ShouldBe(HttpStatusCode.OK, during.ToString());
        during.Header("X-Dailyfeed-Stale").ShouldBe("true");
    }

    [Fact]
    public async Task Past_the_failure_tolerance_the_gateway_no_longer_trusts_the_keys_it_holds()
    {
        var strict = cluster.AddGateway(new Dictionary<string, string?> { ["Dailyfeed:Jwt:KeyRefreshFailureTolerance"] = "00:00:01" });

        var during = await ReadDuringKeyRingOutageAsync(strict);

        during.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, during.ToString());
        during.Code.ShouldBe("SERVICE_UNAVAILABLE");
    }

    /// <summary>A feed read after the key ring's activation was collected and the database cut, past a key refresh.</summary>
    private async Task<ApiResponse> ReadDuringKeyRingOutageAsync(GatewayFactory gateway)
    {
        using var reader = gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        (await reader.GetAsync("/api/timeline/posts/followings")).Status.ShouldBe(HttpStatusCode.OK);

        // Every idle activation goes, the key ring's among them: a new one would have to load its keys.
        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        cluster.Database.Down();
        try
        {
            await Task.Delay(PastKeyRefresh);

            return await reader.GetAsync("/api/timeline/posts/followings");
        }
        finally
        {
            cluster.Database.Up();
        }
    }
}

using System.Net;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Members;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class FollowTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task Counts_are_right_on_both_sides_right_after_follow_and_unfollow()
    {
        using var alice = cluster.Gateway.CreateApiClient();
        using var bob = cluster.Gateway.CreateApiClient();
        var aliceId = await alice.SignupAndLoginAsync();
        var bobId = await bob.SignupAndLoginAsync();

        (await alice.PostAsync($"/api/members/follow/{bobId}")).Data.GetBoolean().ShouldBeTrue();

        (await alice.GetAsync("/api/members/profile")).Data.GetProperty("followingsCount").GetInt32().ShouldBe(1);
        (await alice.GetAsync($"/api/members/profile/{bobId}")).Data.GetProperty("followersCount").GetInt32().ShouldBe(1);
        var followers = await bob.GetAsync("/api/members/followers/more?page=0&size=10");
        followers.Data.GetProperty("content")[0].GetProperty("memberId").GetInt64().ShouldBe(aliceId);
        followers.Data.GetProperty("hasNext").GetBoolean().ShouldBeFalse();

        (await alice.DeleteAsync($"/api/members/follow/{bobId}")).Status.ShouldBe(HttpStatusCode.OK);

        (await alice.GetAsync("/api/members/profile")).Data.GetProperty("followingsCount").GetInt32().ShouldBe(0);
        (await bob.GetAsync("/api/members/profile")).Data.GetProperty("followersCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Self_follow_duplicate_follow_and_unknown_targets_are_rejected_with_their_codes()
    {
        using var alice = cluster.Gateway.CreateApiClient();
        using var bob = cluster.Gateway.CreateApiClient();
        var aliceId = await alice.SignupAndLoginAsync();
        var bobId = await bob.SignupAndLoginAsync();

        var self = await alice.PostAsync($"/api/members/follow/{aliceId}");
        self.Status.ShouldBe(HttpStatusCode.BadRequest);
        self.Code.ShouldBe("FOLLOW_SELF_NOT_ALLOWED");

        await alice.PostAsync($"/api/members/follow/{bobId}");
        var twice = await alice.PostAsync($"/api/members/follow/{bobId}");
        twice.Status.ShouldBe(HttpStatusCode.Conflict);
        twice.Code.ShouldBe("FOLLOW_RELATIONSHIP_ALREADY_EXISTS");

        var notFollowing = await bob.DeleteAsync($"/api/members/follow/{aliceId}");
        notFollowing.Status.ShouldBe(HttpStatusCode.NotFound);
        notFollowing.Code.ShouldBe("FOLLOW_RELATIONSHIP_NOT_FOUND");

        var unknown = await alice.PostAsync($"/api/members/follow/{long.MaxValue}");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
        unknown.Code.ShouldBe("MEMBER_NOT_FOUND");
    }

    [Fact]
    public async Task Following_stops_at_one_thousand_members()
    {
        using var fan = cluster.Gateway.CreateApiClient();
        await fan.SignupAndLoginAsync();
        var grains = cluster.Cluster.Client;
        var firstId = await grains.GetGrain<IIdAllocatorGrain>("member").ReserveAsync(1001);
        var targets = Enumerable.Range(0, 1001).Select(i => firstId + i).ToList();
        foreach (var batch in targets.Chunk(50))
        {
            await Task.WhenAll(batch.Select(id => grains.GetGrain<IMemberGrain>(id).RegisterAsync(new MemberRegistration(
                $"idol{id}-{Guid.NewGuid():N}@example.com", TestMembers.Password, "Idol", $"idol_{id}_{Guid.NewGuid():N}"[..20]))));
        }

        foreach (var batch in targets.Take(1000).Chunk(25))
        {
            var results = await Task.WhenAll(batch.Select(id => fan.PostAsync($"/api/members/follow/{id}")));
            results.ShouldAllBe(r => r.Status == HttpStatusCode.OK);
        }

        var overCap = await fan.PostAsync($"/api/members/follow/{targets[1000]}");

        overCap.Status.ShouldBe(HttpStatusCode.BadRequest);
        overCap.Code.ShouldBe("FOLLOW_LIMIT_EXCEEDS");
        (await fan.GetAsync("/api/members/profile")).Data.GetProperty("followingsCount").GetInt32().ShouldBe(1000);
    }
}

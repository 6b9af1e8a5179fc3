using Dailyfeed.Orleans.Pools;
using System.Net;
using Dailyfeed.Grains.Abstractions.Feeds;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// Two read silos, so followers' feeds live on different silos; authors with 3 followers count as celebrities; feeds
/// fold their head into the archive every 2 pushes, so every test here reads across folds.
/// </summary>
public sealed class FeedCluster : ApiCluster
{
    public const int FanOutThreshold = 3;

    protected override string[][] SiloLayout => [GrainPoolsFor.Write, GrainPoolsFor.Read, GrainPoolsFor.Read];

    protected override IReadOnlyDictionary<string, string?> GrainSettings { get; } = new Dictionary<string, string?>
    {
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
        ["Dailyfeed:Feeds:FanOutThreshold"] = FanOutThreshold.ToString(),
        ["Dailyfeed:Feeds:CelebrityCacheTtl"] = "00:00:00",
        ["Dailyfeed:Feeds:HeadEntries"] = "2",
    };
}

public sealed class FeedTests(FeedCluster cluster) : IClassFixture<FeedCluster>
{
    [Fact]
    public async Task The_feed_lists_followed_authors_newest_first_in_pages_with_has_next()
    {
        using var reader = cluster.Gateway.CreateApiClient();
        using var author = cluster.Gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        var authorId = await author.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var ids = await author.PostManyAsync(5);

        var first = await reader.GetAsync("/api/timeline/posts/followings?page=0&size=3");
        var second = await reader.GetAsync("/api/timeline/posts/followings?page=1&size=3");

        first.ContentIds.ShouldBe([ids[4], ids[3], ids[2]]);
        first.Data.GetProperty("hasNext").GetBoolean().ShouldBeTrue();
        second.ContentIds.ShouldBe([ids[1], ids[0]]);
        second.Data.GetProperty("hasNext").GetBoolean().ShouldBeFalse();
        (await reader.GetAsync("/api/timeline/posts/followings")).Data.GetProperty("size").GetInt32().ShouldBe(20, "timelines default to pages of 20");
    }

    [Fact]
    public async Task A_deleted_post_drops_out_of_followers_feeds_without_an_error()
    {
        using var reader = cluster.Gateway.CreateApiClient();
        using var author = cluster.Gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        var authorId = await author.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var kept = (await author.PostAsync("/api/posts", new { content = "kept" })).Id;
        var deleted = (await author.PostAsync("/api/posts", new { content = "deleted" })).Id;
        (await reader.GetAsync("/api/timeline/posts/followings")).ContentIds.ShouldBe([deleted, kept]);

        (await author.DeleteAsync($"/api/posts/{deleted}")).Status.ShouldBe(HttpStatusCode.OK);

        var feed = await reader.GetAsync("/api/timeline/posts/followings");
        feed.Status.ShouldBe(HttpStatusCode.OK, feed.ToString());
        feed.ContentIds.ShouldBe([kept], "the feed still lists the deleted post's id; reading it leaves the post out");
    }

    [Fact]
    public async Task Following_backfills_and_unfollowing_removes_the_author_from_the_feed()
    {
        using var reader = cluster.Gateway.CreateApiClient();
        using var author = cluster.Gateway.CreateApiClient();
        using var other = cluster.Gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        var authorId = await author.SignupAndLoginAsync();
        var otherId = await other.SignupAndLoginAsync();
        var early = (await author.PostAsync("/api/posts", new { content = "before the follow" })).Id;
        var kept = (await other.PostAsync("/api/posts", new { content = "from someone still followed" })).Id;

        await reader.PostAsync($"/api/members/follow/{authorId}");
        await reader.PostAsync($"/api/members/follow/{otherId}");
        (await reader.GetAsync("/api/timeline/posts/followings")).ContentIds.ShouldBe([kept, early]);

        await reader.DeleteAsync($"/api/members/follow/{authorId}");

        (await reader.GetAsync("/api/timeline/posts/followings")).ContentIds.ShouldBe([kept]);
    }

    [Fact]
    public async Task A_post_reaches_followers_whose_feeds_live_on_different_silos()
    {
        using var author = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        var readSilos = cluster.Cluster.Silos.Where(s => s.Pools.Contains(GrainPools.Read)).ToList();
        var followers = new List<ApiClient>();
        var covered = new HashSet<string>();
        while (covered.Count < readSilos.Count)
        {
            // Keep only candidates whose feed lands on a read silo no earlier follower's feed is on.
            var candidate = cluster.Gateway.CreateApiClient();
            var id = await candidate.SignupAndLoginAsync();
            await candidate.GetAsync("/api/timeline/posts/followings");
            var home = await cluster.Cluster.SiloOfAsync(cluster.Cluster.Client.GetGrain<IFeedGrain>(id))
                       ?? throw new InvalidOperationException($"The feed of {id} is not active after a read.");
            if (covered.Add(home))
            {
                await candidate.PostAsync($"/api/members/follow/{authorId}");
                followers.Add(candidate);
            }
            else
            {
                candidate.Dispose();
            }
        }

        var postId = (await author.PostAsync("/api/posts", new { content = "to everyone" })).Id;

        foreach (var follower in followers)
        {
            (await follower.GetAsync("/api/timeline/posts/followings")).ContentIds.ShouldContain(postId);
            follower.Dispose();
        }
    }

    [Fact]
    public async Task An_author_over_the_fan_out_threshold_is_pulled_at_read_time()
    {
        using var celebrity = cluster.Gateway.CreateApiClient();
        var celebrityId = await celebrity.SignupAndLoginAsync();
        var fans = new List<ApiClient>();
        for (var i = 0; i < FeedCluster.FanOutThreshold; i++)
        {
            var fan = cluster.Gateway.CreateApiClient();
            await fan.SignupAndLoginAsync();
            (await fan.PostAsync($"/api/members/follow/{celebrityId}")).Status.ShouldBe(HttpStatusCode.OK);
            fans.Add(fan);
        }

        (await cluster.Cluster.Client.GetGrain<ICelebrityDirectoryGrain>(CelebrityDirectory.Key).GetAllAsync()).ShouldContain(celebrityId);
        var postId = (await celebrity.PostAsync("/api/posts", new { content = "one write, many readers" })).Id;

        foreach (var fan in fans)
        {
            (await fan.GetAsync("/api/timeline/posts/followings")).ContentIds.ShouldContain(postId);
            fan.Dispose();
        }
    }

    [Fact]
    public async Task A_post_pushed_before_its_author_became_a_celebrity_and_deleted_after_leaves_pages_full()
    {
        using var reader = cluster.Gateway.CreateApiClient();
        using var author = cluster.Gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        var authorId = await author.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var older = (await author.PostAsync("/api/posts", new { content = "older" })).Id;
        var old = (await author.PostAsync("/api/posts", new { content = "old" })).Id;
        var doomed = (await author.PostAsync("/api/posts", new { content = "pushed, then deleted" })).Id;
        for (var i = 1; i < FeedCluster.FanOutThreshold; i++)
        {
            using var fan = cluster.Gateway.CreateApiClient();
            await fan.SignupAndLoginAsync();
            (await fan.PostAsync($"/api/members/follow/{authorId}")).Status.ShouldBe(HttpStatusCode.OK);
        }

        (await cluster.Cluster.Client.GetGrain<ICelebrityDirectoryGrain>(CelebrityDirectory.Key).GetAllAsync()).ShouldContain(authorId);
        (await author.DeleteAsync($"/api/posts/{doomed}")).Status.ShouldBe(HttpStatusCode.OK);

        var page = await reader.GetAsync("/api/timeline/posts/followings?page=0&size=2");
        page.ContentIds.ShouldBe([old, older]);
        page.Data.GetProperty("hasNext").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task My_posts_and_an_authors_posts_are_listed_newest_first()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var reader = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        await reader.SignupAndLoginAsync();
        var first = (await author.PostAsync("/api/posts", new { content = "one" })).Id;
        var second = (await author.PostAsync("/api/posts", new { content = "two" })).Id;

        (await author.GetAsync("/api/timeline/posts")).ContentIds.ShouldBe([second, first]);
        (await reader.GetAsync($"/api/timeline/posts/authors/{authorId}")).ContentIds.ShouldBe([second, first]);
    }
}

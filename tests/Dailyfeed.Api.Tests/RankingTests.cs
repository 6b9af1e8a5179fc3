using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class RankingTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task Popular_commented_and_recent_rankings_follow_the_live_counters()
    {
        using var author = cluster.Gateway.CreateApiClient();
        var readers = new List<ApiClient>();
        await author.SignupAndLoginAsync();
        for (var i = 0; i < 3; i++)
        {
            var reader = cluster.Gateway.CreateApiClient();
            await reader.SignupAndLoginAsync();
            readers.Add(reader);
        }

        var viewed = await CreateAsync(author, "viewed three times");
        var liked = await CreateAsync(author, "liked twice");
        var quiet = await CreateAsync(author, "nobody cares");
        foreach (var reader in readers)
        {
            await reader.GetAsync($"/api/timeline/posts/{viewed}");
        }

        await readers[0].PostAsync($"/api/posts/{liked}/like");
        await readers[1].PostAsync($"/api/posts/{liked}/like");
        await readers[0].PostAsync("/api/comments", new { postId = quiet, content = "first!" });

        // views + 2 x likes: liked = 4, viewed = 3, quiet = 0.
        Ours(await author.GetAsync("/api/timeline/posts/most-popular?size=50"), viewed, liked, quiet).ShouldBe([liked, viewed, quiet]);
        Ours(await author.GetAsync("/api/timeline/posts/most-commented?size=50"), viewed, liked, quiet)[0].ShouldBe(quiet);
        Ours(await author.GetAsync("/api/timeline/posts/recent-activities?size=50"), viewed, liked, quiet)[0].ShouldBe(quiet, "the comment was the latest activity");

        await readers[0].DeleteAsync($"/api/posts/{liked}/like");
        await readers[1].DeleteAsync($"/api/posts/{liked}/like");
        Ours(await author.GetAsync("/api/timeline/posts/most-popular?size=50"), viewed, liked, quiet).ShouldBe([viewed, quiet, liked], "unlikes lower the score; ties go to the newest");
        readers.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Date_range_lists_todays_posts_in_numbered_pages_and_rejects_bad_ranges()
    {
        using var author = cluster.Gateway.CreateApiClient();
        await author.SignupAndLoginAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var post = await CreateAsync(author, "dated");

        var page = await author.GetAsync($"/api/timeline/posts/date-range?startDate={today}&endDate={today}&size=100");

        page.ContentIds.ShouldContain(post);
        page.Data.GetProperty("totalElements").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        page.Data.GetProperty("first").GetBoolean().ShouldBeTrue();
        (await author.GetAsync("/api/timeline/posts/date-range?startDate=2026-01-10&endDate=2026-01-01")).Code.ShouldBe("INVALID_REQUEST");
        (await author.GetAsync("/api/timeline/posts/date-range?startDate=2026-01-01&endDate=2026-12-31")).Code.ShouldBe("INVALID_REQUEST");
        (await author.GetAsync("/api/timeline/posts/date-range?startDate=yesterday&endDate=2026-01-01")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<long> CreateAsync(ApiClient client, string content) =>
        (await client.PostAsync("/api/posts", new { content })).Id;

    private static List<long> Ours(ApiResponse page, params long[] ids) =>
        page.ContentIds.Where(ids.Contains).ToList();
}

/// <summary>Rankings that track at most 8 posts, evict 4 at a time and show the top 2 of each ranking.</summary>
public sealed class SmallRankingCluster : ApiCluster
{
    protected override IReadOnlyDictionary<string, string?> GrainSettings { get; } = new Dictionary<string, string?>
    {
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
        ["Dailyfeed:Rankings:Capacity"] = "8",
        ["Dailyfeed:Rankings:EvictionBatch"] = "4",
        ["Dailyfeed:Rankings:RankingDepth"] = "2",
    };
}

public sealed class RankingEvictionTests(SmallRankingCluster cluster) : IClassFixture<SmallRankingCluster>
{
    [Fact]
    public async Task Posts_beyond_the_capacity_are_evicted_in_batches_but_never_a_ranked_one()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var reader = cluster.Gateway.CreateApiClient();
        await author.SignupAndLoginAsync();
        await reader.SignupAndLoginAsync();
        var popular = (await author.PostAsync("/api/posts", new { content = "the one everybody liked" })).Id;
        await reader.PostAsync($"/api/posts/{popular}/like");
        var later = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            later.Add((await author.PostAsync("/api/posts", new { content = $"filler {i}" })).Id);
        }

        (await reader.GetAsync("/api/timeline/posts/most-popular?size=2")).ContentIds[0].ShouldBe(popular, "a post in a ranking's top is never evicted");
        (await reader.GetAsync("/api/timeline/posts/recent-activities?size=2")).ContentIds.ShouldBe([later[^1], later[^2]]);
    }
}

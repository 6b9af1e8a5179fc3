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

        page.Data.GetProperty("content").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ShouldContain(post);
        page.Data.GetProperty("totalElements").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        page.Data.GetProperty("first").GetBoolean().ShouldBeTrue();
        (await author.GetAsync("/api/timeline/posts/date-range?startDate=2026-01-10&endDate=2026-01-01")).Code.ShouldBe("INVALID_REQUEST");
        (await author.GetAsync("/api/timeline/posts/date-range?startDate=2026-01-01&endDate=2026-12-31")).Code.ShouldBe("INVALID_REQUEST");
        (await author.GetAsync("/api/timeline/posts/date-range?startDate=yesterday&endDate=2026-01-01")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<long> CreateAsync(ApiClient client, string content) =>
        (await client.PostAsync("/api/posts", new { content })).Data.GetProperty("id").GetInt64();

    private static List<long> Ours(ApiResponse page, params long[] ids) =>
        page.Data.GetProperty("content").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).Where(ids.Contains).ToList();
}

using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// Every paged list holds <c>size</c> live items unless it is the last page, and hasNext is false exactly at the end:
/// deleted posts and comments are dropped before a page is cut, not after.
/// </summary>
public sealed class LivePagingTests(FeedCluster cluster) : IClassFixture<FeedCluster>
{
    [Fact]
    public async Task Feed_pages_of_45_followed_posts_with_5_deleted_hold_10_each_and_end_exactly()
    {
        using var reader = cluster.Gateway.CreateApiClient();
        using var author = cluster.Gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        var authorId = await author.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var ids = await author.PostManyAsync(45);
        var deleted = new[] { ids[44], ids[40], ids[30], ids[22], ids[10] };
        foreach (var id in deleted)
        {
            (await author.DeleteAsync($"/api/posts/{id}")).Status.ShouldBe(HttpStatusCode.OK);
        }

        var pages = await ReadPagesAsync(reader, "/api/timeline/posts/followings", 5);
        var mine = await ReadPagesAsync(author, "/api/timeline/posts", 5);
        var theirs = await ReadPagesAsync(reader, $"/api/timeline/posts/authors/{authorId}", 5);

        foreach (var (name, list) in new[] { ("feed", pages), ("my posts", mine), ("author posts", theirs) })
        {
            list.Select(p => p.ContentIds.Count).ShouldBe([10, 10, 10, 10, 0], name);
            list.Select(p => p.Data.GetProperty("hasNext").GetBoolean()).ShouldBe([true, true, true, false, false], name);
            list.SelectMany(p => p.ContentIds).ShouldBe(ids.Except(deleted).Reverse(), name);
        }
    }

    [Fact]
    public async Task A_first_feed_page_holds_10_live_posts_when_5_of_the_newest_were_deleted()
    {
        using var reader = cluster.Gateway.CreateApiClient();
        using var author = cluster.Gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        var authorId = await author.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var ids = await author.PostManyAsync(30);
        foreach (var id in ids.TakeLast(5))
        {
            await author.DeleteAsync($"/api/posts/{id}");
        }

        var first = await reader.GetAsync("/api/timeline/posts/followings?page=0&size=10");

        first.ContentIds.ShouldBe(ids.Take(25).Reverse().Take(10), first.ToString());
        first.Data.GetProperty("hasNext").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_post_pushed_before_its_author_became_a_celebrity_leaves_the_feeds_it_was_pushed_to_when_deleted()
    {
        using var reader = cluster.Gateway.CreateApiClient();
        using var author = cluster.Gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        var authorId = await author.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var ids = await author.PostManyAsync(11);
        var fans = new List<ApiClient>();
        for (var i = 0; i < FeedCluster.FanOutThreshold; i++)
        {
            var fan = cluster.Gateway.CreateApiClient();
            fans.Add(fan);
            await fan.SignupAndLoginAsync();
            await fan.PostAsync($"/api/members/follow/{authorId}");
        }

        (await author.DeleteAsync($"/api/posts/{ids[^1]}")).Status.ShouldBe(HttpStatusCode.OK);
        foreach (var fan in fans)
        {
            await fan.DeleteAsync($"/api/members/follow/{authorId}");
            fan.Dispose();
        }

        // Below the threshold again, the reader's feed serves the pushed copies: the deleted one must not be among them.
        var first = await reader.GetAsync("/api/timeline/posts/followings?page=0&size=10");
        first.ContentIds.ShouldBe(ids[..^1].AsEnumerable().Reverse(), first.ToString());
        first.Data.GetProperty("hasNext").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_members_comment_pages_drop_replies_deleted_with_their_parent_before_cutting()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var replier = cluster.Gateway.CreateApiClient();
        await author.SignupAndLoginAsync();
        var replierId = await replier.SignupAndLoginAsync();
        var postId = (await author.PostAsync("/api/posts", new { content = "discuss" })).Id;
        var parent = (await author.PostAsync("/api/comments", new { postId, content = "parent" })).Id;
        var doomed = (await replier.PostAsync("/api/comments/replies", new { postId, parentId = parent, content = "goes with its parent" })).Id;
        var kept = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            kept.Add((await replier.PostAsync("/api/comments", new { postId, content = $"kept {i}" })).Id);
        }

        (await author.DeleteAsync($"/api/comments/{parent}")).Status.ShouldBe(HttpStatusCode.OK);

        var first = await author.GetAsync($"/api/timeline/posts/members/{replierId}/comments?page=0&size=10");
        var second = await author.GetAsync($"/api/timeline/posts/members/{replierId}/comments?page=1&size=10");
        first.ContentIds.ShouldBe(Enumerable.Reverse(kept), first.ToString());
        first.Data.GetProperty("hasNext").GetBoolean().ShouldBeFalse($"{doomed} was deleted with its parent");
        second.ContentIds.ShouldBeEmpty();
    }

    private static async Task<List<ApiResponse>> ReadPagesAsync(ApiClient client, string path, int pages)
    {
        var responses = new List<ApiResponse>();
        for (var page = 0; page < pages; page++)
        {
            var response = await client.GetAsync($"{path}?page={page}&size=10");
            response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
            responses.Add(response);
        }

        return responses;
    }
}

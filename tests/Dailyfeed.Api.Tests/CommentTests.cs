using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class CommentTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task Comment_reads_answer_on_the_paths_the_original_frontend_calls()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var reader = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        await reader.SignupAndLoginAsync();
        var postId = (await author.PostAsync("/api/posts", new { content = "a post to discuss" })).Id;
        var comment = (await author.PostAsync("/api/comments", new { postId, content = "first!" })).Id;
        var reply = (await reader.PostAsync("/api/comments/replies", new { postId, parentId = comment, content = "a reply" })).Id;
        await reader.PostAsync($"/api/comments/{comment}/like");

        var one = await reader.GetAsync($"/api/timeline/comments/{comment}");
        var replies = await reader.GetAsync($"/api/timeline/comments/{comment}/replies?page=0&size=10");
        var mine = await author.GetAsync("/api/timeline/comments?page=0&size=10");
        var members = await reader.GetAsync($"/api/timeline/members/{authorId}/comments?page=0&size=10");

        one.Status.ShouldBe(HttpStatusCode.OK, one.ToString());
        one.Data.GetProperty("liked").GetBoolean().ShouldBeTrue("a liked comment's heart stays filled after a reload");
        replies.ContentIds.ShouldBe([reply], replies.ToString());
        mine.ContentIds.ShouldBe([comment], mine.ToString());
        members.ContentIds.ShouldBe([comment], members.ToString());
    }

    [Fact]
    public async Task Replies_nest_three_levels_and_a_fourth_is_rejected()
    {
        var (client, postId) = await PostAsync();
        var root = await client.PostAsync("/api/comments", new { postId, content = "level 0" });
        root.Status.ShouldBe(HttpStatusCode.Created, root.ToString());
        var first = await client.PostAsync("/api/comments/replies", new { postId, parentId = root.Id, content = "level 1" });
        var second = await client.PostAsync("/api/reply", new { postId, parentId = first.Id, content = "level 2" });
        second.Data.GetProperty("depth").GetInt32().ShouldBe(2);

        var third = await client.PostAsync("/api/comments/replies", new { postId, parentId = second.Id, content = "level 3" });

        third.Status.ShouldBe(HttpStatusCode.BadRequest);
        third.Code.ShouldBe("COMMENT_DEPTH_LIMIT_EXCEEDS");
        (await client.GetAsync($"/api/timeline/statistics/posts/{postId}")).Data.GetProperty("commentCount").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task A_parent_from_another_post_is_rejected()
    {
        var (client, postId) = await PostAsync();
        var otherPost = (await client.PostAsync("/api/posts", new { content = "another post" })).Id;
        var foreignParent = (await client.PostAsync("/api/comments", new { postId = otherPost, content = "elsewhere" })).Id;

        var reply = await client.PostAsync("/api/comments/replies", new { postId, parentId = foreignParent, content = "wrong thread" });

        reply.Status.ShouldBe(HttpStatusCode.BadRequest);
        reply.Code.ShouldBe("PARENT_COMMENT_POST_ID_NOT_EQUALS");
    }

    [Fact]
    public async Task Deleting_a_comment_deletes_all_its_replies()
    {
        var (client, postId) = await PostAsync();
        var root = (await client.PostAsync("/api/comments", new { postId, content = "root" })).Id;
        var reply = (await client.PostAsync("/api/comments/replies", new { postId, parentId = root, content = "reply" })).Id;
        var nested = (await client.PostAsync("/api/comments/replies", new { postId, parentId = reply, content = "nested" })).Id;
        var survivor = (await client.PostAsync("/api/comments", new { postId, content = "unrelated" })).Id;

        (await client.DeleteAsync($"/api/comments/{root}")).Status.ShouldBe(HttpStatusCode.OK);

        (await client.GetAsync($"/api/timeline/posts/comments/{reply}")).Code.ShouldBe("COMMENT_NOT_FOUND");
        (await client.GetAsync($"/api/timeline/posts/comments/{nested}")).Code.ShouldBe("COMMENT_NOT_FOUND");
        var remaining = await client.GetAsync($"/api/timeline/posts/{postId}/comments");
        remaining.ContentIds.ShouldBe([survivor]);
        (await client.GetAsync($"/api/timeline/statistics/posts/{postId}")).Data.GetProperty("commentCount").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_author_edits_or_deletes_a_comment_and_likes_count_once()
    {
        var (author, postId) = await PostAsync();
        using var other = cluster.Gateway.CreateApiClient();
        await other.SignupAndLoginAsync();
        var comment = (await author.PostAsync("/api/comments", new { postId, content = "mine" })).Id;

        (await other.PutAsync($"/api/comments/{comment}", new { content = "yours now" })).Code.ShouldBe("COMMENT_MODIFICATION_PERMISSION_DENIED");
        (await other.DeleteAsync($"/api/comments/{comment}")).Code.ShouldBe("COMMENT_DELETION_PERMISSION_DENIED");
        (await author.PutAsync($"/api/comments/{comment}", new { content = "edited" })).Data.GetProperty("content").GetString().ShouldBe("edited");
        (await other.PostAsync($"/api/comments/{comment}/like")).Status.ShouldBe(HttpStatusCode.OK);
        (await other.PostAsync($"/api/comments/{comment}/like")).Code.ShouldBe("COMMENT_LIKE_ALREADY_EXISTS");

        var seen = await other.GetAsync($"/api/timeline/posts/comments/{comment}");
        seen.Data.GetProperty("likeCount").GetInt64().ShouldBe(1);
        seen.Data.GetProperty("liked").GetBoolean().ShouldBeTrue();
        (await author.GetAsync("/api/timeline/posts/comments")).Data.GetProperty("content")[0].GetProperty("id").GetInt64().ShouldBe(comment);
    }

    [Fact]
    public async Task Comments_over_one_thousand_characters_or_on_missing_posts_are_rejected()
    {
        var (client, postId) = await PostAsync();

        (await client.PostAsync("/api/comments", new { postId, content = new string('c', 1001) })).Code.ShouldBe("INVALID_REQUEST");
        (await client.PostAsync("/api/comments", new { postId = long.MaxValue, content = "nowhere" })).Code.ShouldBe("POST_NOT_FOUND");
    }

    private async Task<(ApiClient Client, long PostId)> PostAsync()
    {
        var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        return (client, (await client.PostAsync("/api/posts", new { content = "a post to discuss" })).Id);
    }
}

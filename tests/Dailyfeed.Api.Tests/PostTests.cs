using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class PostTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task Only_the_author_edits_or_deletes_and_a_deleted_post_is_gone()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var other = cluster.Gateway.CreateApiClient();
        await author.SignupAndLoginAsync();
        await other.SignupAndLoginAsync();
        var created = await author.PostAsync("/api/posts", new { title = "Hello", content = "First post" });
        created.Status.ShouldBe(HttpStatusCode.Created, created.ToString());
        var id = created.Id;

        (await other.PutAsync($"/api/posts/{id}", new { content = "hijack" })).Code.ShouldBe("POST_UPDATE_FORBIDDEN");
        (await other.DeleteAsync($"/api/posts/{id}")).Code.ShouldBe("POST_DELETE_FORBIDDEN");
        (await author.PutAsync($"/api/posts/{id}", new { content = "Edited" })).Data.GetProperty("content").GetString().ShouldBe("Edited");
        (await author.DeleteAsync($"/api/posts/{id}")).Status.ShouldBe(HttpStatusCode.OK);

        var again = await author.DeleteAsync($"/api/posts/{id}");
        again.Status.ShouldBe(HttpStatusCode.Gone);
        again.Code.ShouldBe("POST_ALREADY_DELETED");
        (await other.GetAsync($"/api/timeline/posts/{id}")).Code.ShouldBe("POST_NOT_FOUND");
    }

    [Fact]
    public async Task Content_over_five_thousand_characters_is_rejected()
    {
        using var author = cluster.Gateway.CreateApiClient();
        await author.SignupAndLoginAsync();

        var response = await author.PostAsync("/api/posts", new { content = new string('x', 5001) });

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Code.ShouldBe("INVALID_REQUEST");
    }

    [Fact]
    public async Task Likes_unlikes_and_views_keep_the_counters_right()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var fan = cluster.Gateway.CreateApiClient();
        using var other = cluster.Gateway.CreateApiClient();
        await author.SignupAndLoginAsync();
        await fan.SignupAndLoginAsync();
        await other.SignupAndLoginAsync();
        var id = (await author.PostAsync("/api/posts", new { content = "Count me" })).Id;

        (await fan.PostAsync($"/api/posts/{id}/like")).Status.ShouldBe(HttpStatusCode.OK);
        var twice = await fan.PostAsync($"/api/posts/{id}/like");
        twice.Status.ShouldBe(HttpStatusCode.BadRequest);
        twice.Code.ShouldBe("POST_LIKE_ALREADY_EXISTS");
        await other.PostAsync($"/api/posts/{id}/like");
        (await other.DeleteAsync($"/api/posts/{id}/like")).Status.ShouldBe(HttpStatusCode.OK);
        (await other.DeleteAsync($"/api/posts/{id}/like")).Code.ShouldBe("POST_LIKE_CANCEL_ALREADY_COMMITTED");

        await author.GetAsync($"/api/timeline/posts/{id}");
        await fan.GetAsync($"/api/timeline/posts/{id}");
        var seenByOther = await other.GetAsync($"/api/timeline/posts/{id}");

        seenByOther.Data.GetProperty("viewCount").GetInt64().ShouldBe(2, "the author's own read is not a view");
        seenByOther.Data.GetProperty("likeCount").GetInt64().ShouldBe(1);
        seenByOther.Data.GetProperty("liked").GetBoolean().ShouldBeFalse();
        (await fan.GetAsync($"/api/timeline/posts/{id}")).Data.GetProperty("liked").GetBoolean().ShouldBeTrue();
        var statistics = await author.GetAsync($"/api/timeline/statistics/posts/{id}");
        statistics.Data.GetProperty("likeCount").GetInt64().ShouldBe(1);
        statistics.Data.GetProperty("commentCount").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Listed_posts_show_each_change_at_the_next_read_and_each_viewer_their_own_like()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var fan = cluster.Gateway.CreateApiClient();
        using var other = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        await fan.SignupAndLoginAsync();
        await other.SignupAndLoginAsync();
        var id = (await author.PostAsync("/api/posts", new { content = "Listed" })).Id;
        var listing = $"/api/timeline/posts/authors/{authorId}";
        async Task<System.Text.Json.JsonElement> ListedAsync(ApiClient reader) => (await reader.GetAsync(listing)).Data.GetProperty("content")[0];
        (await ListedAsync(fan)).GetProperty("likeCount").GetInt64().ShouldBe(0);

        await fan.PostAsync($"/api/posts/{id}/like");
        var seenByFan = await ListedAsync(fan);
        var seenByOther = await ListedAsync(other);
        seenByFan.GetProperty("likeCount").GetInt64().ShouldBe(1);
        seenByFan.GetProperty("liked").GetBoolean().ShouldBeTrue();
        seenByOther.GetProperty("likeCount").GetInt64().ShouldBe(1);
        seenByOther.GetProperty("liked").GetBoolean().ShouldBeFalse();

        await author.PutAsync($"/api/posts/{id}", new { content = "Listed, then edited" });
        await other.PostAsync("/api/comments", new { postId = id, content = "a comment" });
        await fan.DeleteAsync($"/api/posts/{id}/like");
        var afterwards = await ListedAsync(fan);
        afterwards.GetProperty("content").GetString().ShouldBe("Listed, then edited");
        afterwards.GetProperty("commentCount").GetInt64().ShouldBe(1);
        afterwards.GetProperty("likeCount").GetInt64().ShouldBe(0);
        afterwards.GetProperty("liked").GetBoolean().ShouldBeFalse();
    }
}

using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class ProfileTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task A_member_edits_the_profile_and_changes_handle_and_the_old_handle_is_free_again()
    {
        using var client = cluster.Gateway.CreateApiClient();
        var oldHandle = $"old_{Guid.NewGuid():N}"[..14];
        var newHandle = $"new_{Guid.NewGuid():N}"[..14];
        var id = await client.SignupAndLoginAsync(oldHandle);

        var updated = await client.PutAsync("/api/members/profile", new { bio = "Writes compilers", websiteUrl = "https://example.com" });
        updated.Status.ShouldBe(HttpStatusCode.OK);
        updated.Data.GetProperty("bio").GetString().ShouldBe("Writes compilers");
        var badUrl = await client.PutAsync("/api/members/profile", new { websiteUrl = "javascript:alert(1)" });
        badUrl.Code.ShouldBe("INVALID_REQUEST");

        (await client.PutAsync("/api/members/profile/handle", new { newHandle })).Status.ShouldBe(HttpStatusCode.OK);

        (await client.GetAsync($"/api/members/profile/@{newHandle}")).Id.ShouldBe(id);
        (await client.GetAsync($"/api/members/profile/@{oldHandle}")).Code.ShouldBe("MEMBER_NOT_FOUND");
        using var other = cluster.Gateway.CreateApiClient();
        (await other.PostAsync("/api/authentication/signup", TestMembers.Registration(handle: oldHandle))).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Newbie_recommendations_list_recent_members_except_me_and_those_i_follow()
    {
        using var me = cluster.Gateway.CreateApiClient();
        using var first = cluster.Gateway.CreateApiClient();
        using var second = cluster.Gateway.CreateApiClient();
        var myId = await me.SignupAndLoginAsync();
        var firstId = await first.SignupAndLoginAsync();
        var secondId = await second.SignupAndLoginAsync();
        await me.PostAsync($"/api/members/follow/{firstId}");

        var page = await me.GetAsync("/api/members/follow/recommend/newbie?page=0&size=50");

        var ids = page.Data.GetProperty("content").EnumerateArray().Select(m => m.GetProperty("memberId").GetInt64()).ToList();
        ids.ShouldContain(secondId);
        ids.ShouldNotContain(firstId);
        ids.ShouldNotContain(myId);
        ids.IndexOf(secondId).ShouldBe(0, "the newest signup comes first");
    }

    [Fact]
    public async Task Deactivation_frees_the_email_removes_the_member_and_ends_the_session()
    {
        using var client = cluster.Gateway.CreateApiClient();
        using var fan = cluster.Gateway.CreateApiClient();
        var email = $"bye{Guid.NewGuid():N}@example.com";
        var signup = await client.PostAsync("/api/authentication/signup", TestMembers.Registration(email));
        var id = signup.Id;
        await client.LoginAsync(email);
        await fan.SignupAndLoginAsync();
        await fan.PostAsync($"/api/members/follow/{id}");
        var token = client.AccessToken;

        (await client.DeleteAsync("/api/authentication/deactivate")).Status.ShouldBe(HttpStatusCode.OK);

        (await fan.GetAsync($"/api/members/profile/{id}")).Code.ShouldBe("MEMBER_NOT_FOUND");
        (await client.GetAsync("/api/members/summary", token)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.LoginAsync(email)).Code.ShouldBe("MEMBER_PASSWORD_INVALID");
        (await client.PostAsync("/api/authentication/signup", TestMembers.Registration(email))).Status.ShouldBe(HttpStatusCode.Created);
        await Eventually.HoldsAsync(async () => (await fan.GetAsync("/api/members/profile")).Data.GetProperty("followingsCount").GetInt32() == 0);
    }

    [Fact]
    public async Task A_new_name_shows_on_the_authors_existing_posts_within_seconds()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var reader = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        await reader.SignupAndLoginAsync();
        var postId = (await author.PostAsync("/api/posts", new { content = "written before the rename" })).Id;
        var before = (await reader.GetAsync($"/api/timeline/posts/{postId}")).Data.GetProperty("authorName").GetString();

        (await author.PutAsync("/api/members/profile", new { displayName = "Renamed Author" })).Status.ShouldBe(HttpStatusCode.OK);

        before.ShouldNotBe("Renamed Author");
        await Eventually.HoldsAsync(async () =>
            (await reader.GetAsync($"/api/timeline/posts/authors/{authorId}")).Data.GetProperty("content")[0].GetProperty("authorName").GetString() == "Renamed Author");
    }

    [Fact]
    public async Task Bulk_lookup_is_capped_at_one_hundred_ids()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();

        var response = await client.GetAsync($"/api/members?ids={string.Join(',', Enumerable.Range(1, 101))}");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Code.ShouldBe("MEMBER_IDS_LIMIT_EXCEEDS");
    }
}

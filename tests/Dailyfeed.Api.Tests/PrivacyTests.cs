using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class PrivacyTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task Only_the_members_own_profile_shows_the_email()
    {
        using var me = cluster.Gateway.CreateApiClient();
        using var other = cluster.Gateway.CreateApiClient();
        var handle = $"p_{Guid.NewGuid():N}"[..14];
        var myId = await me.SignupAndLoginAsync(handle);
        await other.SignupAndLoginAsync();
        await other.PostAsync($"/api/members/follow/{myId}");

        var own = await me.GetAsync("/api/members/profile");
        var ownById = await me.GetAsync($"/api/members/profile/{myId}");
        var byId = await other.GetAsync($"/api/members/profile/{myId}");
        var byHandle = await other.GetAsync($"/api/members/profile/@{handle}");
        var followers = await other.GetAsync($"/api/members/{myId}/followers-followings");

        own.Data.GetProperty("email").GetString()!.ShouldEndWith("@example.com");
        ownById.Data.GetProperty("email").GetString()!.ShouldEndWith("@example.com");
        byId.Status.ShouldBe(HttpStatusCode.OK);
        byId.Body.ToString().ShouldNotContain("@example.com", Case.Insensitive, byId.ToString());
        byHandle.Body.ToString().ShouldNotContain("@example.com", Case.Insensitive, byHandle.ToString());
        followers.Body.ToString().ShouldNotContain("@example.com", Case.Insensitive, followers.ToString());
    }
}

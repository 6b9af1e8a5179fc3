using System.Net;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>What the original web frontend calls and reads (seed-reference.md): paths, field names and claims.</summary>
public sealed class OriginalClientTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task Profiles_carry_member_id_and_access_tokens_carry_the_id_claim()
    {
        using var client = cluster.Gateway.CreateApiClient();
        var id = await client.SignupAndLoginAsync();

        var profile = await client.GetAsync("/api/members/profile");
        var claims = TokenClaims(client.AccessToken!);

        profile.Data.GetProperty("memberId").GetInt64().ShouldBe(id, profile.ToString());
        profile.Id.ShouldBe(id);
        claims.GetProperty("sub").GetString().ShouldBe(id.ToString());
        claims.TryGetProperty("id", out var idClaim).ShouldBeTrue("the original frontend reads the member id from claim 'id'");
        idClaim.ToString().ShouldBe(id.ToString());
    }

    [Fact]
    public async Task A_posts_author_name_is_the_display_name_or_the_member_name_when_there_is_none()
    {
        using var named = cluster.Gateway.CreateApiClient();
        using var plain = cluster.Gateway.CreateApiClient();
        await named.SignupAndLoginAsync();
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"m{unique}@example.com";
        var signup = await plain.PostAsync("/api/authentication/signup", new
        {
            email, password = TestMembers.Password, memberName = "Plain Member", handle = $"h_{unique}", displayName = "",
        });
        signup.Status.ShouldBe(HttpStatusCode.Created, signup.ToString());
        await plain.LoginAsync(email);

        var byNamed = await named.PostAsync("/api/posts", new { content = "from a member with a display name" });
        var byPlain = await plain.PostAsync("/api/posts", new { content = "from a member without one" });

        byNamed.Data.GetProperty("authorName").GetString().ShouldBe("Tester", "TestMembers sign up with displayName Tester");
        (await named.GetAsync($"/api/timeline/posts/{byNamed.Id}")).Data.GetProperty("authorName").GetString().ShouldBe("Tester");
        byPlain.Data.GetProperty("authorName").GetString().ShouldBe("Plain Member");
    }

    private static JsonElement TokenClaims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
    }
}

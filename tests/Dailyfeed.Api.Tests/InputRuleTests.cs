using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>How user input is accepted or refused: empty optional fields, handle characters, control characters.</summary>
public sealed class InputRuleTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task The_original_signup_form_with_empty_optional_fields_signs_up()
    {
        using var client = cluster.Gateway.CreateApiClient();
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"m{unique}@example.com";

        var signup = await client.PostAsync("/api/authentication/signup", new
        {
            email, password = TestMembers.Password, memberName = "Form Member", handle = $"h_{unique}",
            displayName = "", bio = "", location = "", websiteUrl = "", birthDate = "", gender = "", timezone = "", languageCode = "", countryCode = "",
        });

        signup.Status.ShouldBe(HttpStatusCode.Created, signup.ToString());
        await client.LoginAsync(email);
        var profile = await client.GetAsync("/api/members/profile");
        profile.Data.GetProperty("birthDate").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        profile.Data.GetProperty("bio").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null, "an empty optional field is absent");
        (await client.PutAsync("/api/members/profile", new { birthDate = "", bio = "now with a bio" })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_handle_with_a_trailing_newline_is_refused_at_signup_and_at_handle_change()
    {
        using var client = cluster.Gateway.CreateApiClient();
        var unique = Guid.NewGuid().ToString("N")[..10];

        var signup = await client.PostAsync("/api/authentication/signup", TestMembers.Registration(handle: $"h_{unique}\n"));
        await client.SignupAndLoginAsync();
        var change = await client.PutAsync("/api/members/profile/handle", new { newHandle = $"n_{unique}\n" });

        signup.Status.ShouldBe(HttpStatusCode.BadRequest, signup.ToString());
        signup.Body.GetProperty("message").GetString()!.ShouldStartWith("handle");
        change.Status.ShouldBe(HttpStatusCode.BadRequest, change.ToString());
        (await client.GetAsync($"/api/members/profile/@n_{unique}")).Code.ShouldBe("MEMBER_NOT_FOUND");
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    public async Task Control_characters_in_user_text_are_refused_with_the_field_named(string control)
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var postId = (await client.PostAsync("/api/posts", new { title = "tabs\tand\r\nnewlines stay", content = "line one\nline\ttwo" })).Id;

        var post = await client.PostAsync("/api/posts", new { content = $"hello{control}world" });
        var title = await client.PostAsync("/api/posts", new { title = $"t{control}", content = "fine" });
        var edit = await client.PutAsync($"/api/posts/{postId}", new { content = $"edited{control}" });
        var comment = await client.PostAsync("/api/comments", new { postId, content = $"c{control}" });
        var profile = await client.PutAsync("/api/members/profile", new { bio = $"bio{control}" });
        var signup = await client.PostAsync("/api/authentication/signup", new
        {
            email = $"m{Guid.NewGuid():N}"[..11] + "@example.com", password = TestMembers.Password, memberName = $"Name{control}x",
            handle = $"h_{Guid.NewGuid():N}"[..12],
        });
        var search = await client.GetAsync($"/api/search/posts?keyword={Uri.EscapeDataString($"key{control}word")}");

        foreach (var (response, field) in new[] { (post, "content"), (title, "title"), (edit, "content"), (comment, "content"), (profile, "bio"), (signup, "memberName"), (search, "keyword") })
        {
            response.Status.ShouldBe(HttpStatusCode.BadRequest, $"{field}: {response}");
            response.Code.ShouldBe("INVALID_REQUEST");
            response.Body.GetProperty("message").GetString()!.ShouldStartWith(field, Case.Sensitive, response.ToString());
        }

        (await client.GetAsync($"/api/timeline/posts/{postId}")).Data.GetProperty("content").GetString().ShouldBe("line one\nline\ttwo");
    }

    [Fact]
    public async Task A_login_email_holding_nul_or_a_looked_up_handle_holding_a_control_character_is_refused_with_400()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();

        var login = await client.PostAsync("/api/authentication/login", new { email = "nul\u0000@example.com", password = TestMembers.Password });
        // HTTP itself refuses NUL in a path, so the lookup by handle is checked with another control character.
        var profile = await client.GetAsync($"/api/members/profile/@{Uri.EscapeDataString("h_\u0007x")}");

        foreach (var (response, field) in new[] { (login, "email"), (profile, "handle") })
        {
            response.Status.ShouldBe(HttpStatusCode.BadRequest, $"{field}: {response}");
            response.Body.GetProperty("message").GetString()!.ShouldStartWith(field, Case.Sensitive, response.ToString());
        }
    }
}

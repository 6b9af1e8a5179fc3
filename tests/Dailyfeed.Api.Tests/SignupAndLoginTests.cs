using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class SignupAndLoginTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Theory]
    [InlineData("password", "alllower1!")]
    [InlineData("password", "ALLUPPER1!")]
    [InlineData("password", "NoDigits!!")]
    [InlineData("password", "NoSpecial11")]
    [InlineData("password", "Sh0rt!")]
    [InlineData("handle", "bad handle")]
    [InlineData("handle", "ab")]
    [InlineData("handle", "한글핸들")]
    [InlineData("memberName", "x")]
    [InlineData("email", "not-an-email")]
    public async Task Signup_rejects_a_field_that_breaks_the_rules(string field, string value)
    {
        using var client = cluster.Gateway.CreateApiClient();
        var body = new Dictionary<string, object?>
        {
            ["email"] = $"{Guid.NewGuid():N}@example.com",
            ["password"] = TestMembers.Password,
            ["memberName"] = "Valid Name",
            ["handle"] = $"h_{Guid.NewGuid():N}"[..12],
        };
        body[field] = value;

        var response = await client.PostAsync("/api/authentication/signup", body);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.ToString());
        response.Code.ShouldBe("INVALID_REQUEST");
        response.Body.GetProperty("resultCode").GetString().ShouldBe("FAIL");
        response.Body.GetProperty("message").GetString()!.ShouldContain(field, Case.Insensitive);
    }

    [Fact]
    public async Task Signup_answers_201_with_id_and_name_in_the_envelope()
    {
        using var client = cluster.Gateway.CreateApiClient();

        var response = await client.PostAsync("/api/authentication/signup", TestMembers.Registration(name: "Ada Lovelace"));

        response.Status.ShouldBe(HttpStatusCode.Created);
        response.Body.GetProperty("result").GetString().ShouldBe("SUCCESS");
        response.Body.GetProperty("status").GetInt32().ShouldBe(201);
        response.Data.GetProperty("name").GetString().ShouldBe("Ada Lovelace");
        response.Id.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Duplicate_email_and_handle_are_rejected_with_their_codes()
    {
        using var client = cluster.Gateway.CreateApiClient();
        var handle = $"Dup_{Guid.NewGuid():N}"[..14];
        var email = $"dup{Guid.NewGuid():N}@example.com";
        (await client.PostAsync("/api/authentication/signup", TestMembers.Registration(email, handle))).Status.ShouldBe(HttpStatusCode.Created);

        var sameEmail = await client.PostAsync("/api/authentication/signup", TestMembers.Registration(email.ToUpperInvariant()));
        var sameHandle = await client.PostAsync("/api/authentication/signup", TestMembers.Registration(handle: handle.ToLowerInvariant()));

        sameEmail.Status.ShouldBe(HttpStatusCode.BadRequest);
        sameEmail.Code.ShouldBe("MEMBER_ALREADY_EXISTS");
        sameHandle.Status.ShouldBe(HttpStatusCode.BadRequest);
        sameHandle.Code.ShouldBe("MEMBER_HANDLE_ALREADY_EXISTS");
    }

    [Fact]
    public async Task Malformed_json_gets_an_error_envelope()
    {
        using var client = cluster.Gateway.CreateApiClient();
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.Http.PostAsync("/api/authentication/signup", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("INVALID_REQUEST");
    }

    [Fact]
    public async Task Login_returns_the_token_in_the_header_and_the_refresh_token_in_a_strict_cookie()
    {
        using var client = cluster.Gateway.CreateApiClient();
        var email = $"login{Guid.NewGuid():N}@example.com";
        await client.PostAsync("/api/authentication/signup", TestMembers.Registration(email, name: "Grace Hopper"));

        var login = await client.LoginAsync(email);

        login.Status.ShouldBe(HttpStatusCode.OK);
        login.Header("Authorization")!.ShouldStartWith("Bearer ");
        login.Data.GetProperty("memberName").GetString().ShouldBe("Grace Hopper");
        var cookie = login.Header("Set-Cookie")!;
        cookie.ShouldStartWith("refresh_token=");
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/", Case.Insensitive);
        (await client.GetAsync("/api/members/summary")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_fail_the_same_way()
    {
        using var client = cluster.Gateway.CreateApiClient();
        var email = $"pw{Guid.NewGuid():N}@example.com";
        await client.PostAsync("/api/authentication/signup", TestMembers.Registration(email));

        var wrongPassword = await client.LoginAsync(email, "Wrong!Pass1");
        var unknownEmail = await client.LoginAsync($"nobody{Guid.NewGuid():N}@example.com");

        wrongPassword.Status.ShouldBe(HttpStatusCode.Forbidden);
        wrongPassword.Code.ShouldBe("MEMBER_PASSWORD_INVALID");
        unknownEmail.Status.ShouldBe(HttpStatusCode.Forbidden);
        unknownEmail.Code.ShouldBe("MEMBER_PASSWORD_INVALID");
    }
}

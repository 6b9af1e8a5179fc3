using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>Signs members up and logs them in through the public API, with unique emails and handles per call.</summary>
public static class TestMembers
{
    public const string Password = "Str0ng!Pass";

    public static object Registration(string? email = null, string? handle = null, string password = Password, string name = "Test Member")
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        return new
        {
            email = email ?? $"m{unique}@example.com",
            password,
            memberName = name,
            handle = handle ?? $"h_{unique}",
            displayName = "Tester",
        };
    }

    /// <summary>Signs up and logs in; the client keeps the access token and the refresh cookie.</summary>
    public static async Task<long> SignupAndLoginAsync(this ApiClient client, string? handle = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"m{unique}@example.com";
        var signup = await client.PostAsync("/api/authentication/signup", Registration(email, handle ?? $"h_{unique}"));
        signup.Status.ShouldBe(HttpStatusCode.Created, signup.ToString());
        var login = await client.LoginAsync(email);
        login.Status.ShouldBe(HttpStatusCode.OK, login.ToString());
        return signup.Id;
    }

    public static async Task<ApiResponse> LoginAsync(this ApiClient client, string email, string password = Password)
    {
        var login = await client.PostAsync("/api/authentication/login", new { email, password });
        if (login.Status == HttpStatusCode.OK)
        {
            client.AccessToken = login.AccessToken.ShouldNotBeNull();
        }

        return login;
    }
}

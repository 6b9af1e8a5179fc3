using System.Net;
using Dailyfeed.Grains.Abstractions.Errors;
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

    /// <summary>
    /// Signs up and logs in; the client keeps the access token and the refresh cookie. Like any client, it retries a
    /// 503 (on a starved CI machine a grain call can outlast the 5 s response timeout); a retry that finds the member
    /// already created (the first attempt went through after all) logs in and takes the id from the profile.
    /// </summary>
    public static async Task<long> SignupAndLoginAsync(this ApiClient client, string? handle = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"m{unique}@example.com";
        var registration = Registration(email, handle ?? $"h_{unique}");
        var signup = await WhileUnavailableAsync(() => client.PostAsync("/api/authentication/signup", registration));
        if (signup.Code == ErrorCodes.MemberAlreadyExists)
        {
            // The email is new to this call: only an attempt answered 503 can have created the member.
            (await WhileUnavailableAsync(() => client.LoginAsync(email))).Status.ShouldBe(HttpStatusCode.OK);
            return (await client.GetAsync("/api/members/profile")).Id;
        }

        signup.Status.ShouldBe(HttpStatusCode.Created, signup.ToString());
        var login = await WhileUnavailableAsync(() => client.LoginAsync(email));
        login.Status.ShouldBe(HttpStatusCode.OK, login.ToString());
        return signup.Id;
    }

    /// <summary>Sends again, after a pause, while the answer is 503, at most <see cref="UnavailableRetries"/> times.</summary>
    private static async Task<ApiResponse> WhileUnavailableAsync(Func<Task<ApiResponse>> send)
    {
        var response = await send();
        for (var retry = 0; retry < UnavailableRetries && response.Status == HttpStatusCode.ServiceUnavailable; retry++)
        {
            await Task.Delay(UnavailableRetryPause);
            response = await send();
        }

        return response;
    }

    private const int UnavailableRetries = 2;
    private static readonly TimeSpan UnavailableRetryPause = TimeSpan.FromSeconds(1);

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

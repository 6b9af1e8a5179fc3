using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>The embedded default end to end: SQLite store, Orleans memory streams, activity log read back by the API.</summary>
public sealed class EmbeddedActivityTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    [Fact]
    public async Task Signup_login_and_a_post_appear_in_my_activity_log_by_type_name()
    {
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        var email = $"embedded{Guid.NewGuid():N}@example.com";
        var signup = await client.PostAsJsonAsync("/api/authentication/signup",
            new { email, password = "Str0ng!Pass", memberName = "Embedded", handle = $"e_{Guid.NewGuid():N}"[..12] });
        signup.StatusCode.ShouldBe(HttpStatusCode.Created);
        var login = await client.PostAsJsonAsync("/api/authentication/login", new { email, password = "Str0ng!Pass" });
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(login.Headers.GetValues("Authorization").Single());
        (await client.PostAsJsonAsync("/api/posts", new { content = "embedded post" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var types = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (types.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            using var page = JsonDocument.Parse(await client.GetStringAsync("/api/member-activities"));
            types = page.RootElement.GetProperty("data").GetProperty("content").EnumerateArray()
                .Select(a => a.GetProperty("memberActivityType").GetString()!).ToList();
        }

        types.ShouldBe(["POST_CREATE", "MEMBER_LOGIN", "MEMBER_SIGNUP"], "newest first, by name");
    }
}

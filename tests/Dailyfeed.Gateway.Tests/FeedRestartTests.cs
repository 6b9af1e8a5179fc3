using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>A feed keeps its newest pushes in a small head and folds them into an archive; both survive a restart.</summary>
public sealed class FeedRestartTests
{
    private static readonly Dictionary<string, string?> SmallHead = new()
    {
        ["Dailyfeed:Feeds:HeadEntries"] = "3",
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
    };

    [Fact]
    public async Task A_feed_folded_from_its_head_into_its_archive_reads_the_same_after_a_restart()
    {
        var database = EmbeddedGatewayFactory.TemporaryDatabase();
        try
        {
            List<long> posted = [];
            List<long> before;
            await using (var first = EmbeddedGatewayFactory.On(database, SmallHead))
            {
                using var reader = await SignedInAsync(first, "reader", signup: true);
                using var author = await SignedInAsync(first, "author", signup: true);
                var authorId = (await GetDataAsync(author, "/api/members/summary")).GetProperty("memberId").GetInt64();
                (await reader.PostAsync($"/api/members/follow/{authorId}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
                for (var i = 0; i < 7; i++)
                {
                    var created = await author.PostAsJsonAsync("/api/posts", new { content = $"post {i}" });
                    posted.Add((await DataOfAsync(created)).GetProperty("id").GetInt64());
                }

                before = await FeedIdsAsync(reader);
                before.ShouldBe(Enumerable.Reverse(posted).ToList(), "seven pushes: four folded into the archive, three still in the head");
            }

            await using var second = EmbeddedGatewayFactory.On(database, SmallHead);
            using var again = await SignedInAsync(second, "reader", signup: false);
            (await FeedIdsAsync(again)).ShouldBe(before);
        }
        finally
        {
            EmbeddedGatewayFactory.DeleteDatabase(database);
        }
    }

    private static async Task<HttpClient> SignedInAsync(EmbeddedGatewayFactory factory, string who, bool signup)
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        var email = $"{who}@restart.example.com";
        if (signup)
        {
            (await client.PostAsJsonAsync("/api/authentication/signup",
                new { email, password = "Str0ng!Pass", memberName = who, handle = $"{who}_restart" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var login = await client.PostAsJsonAsync("/api/authentication/login", new { email, password = "Str0ng!Pass" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(login.Headers.GetValues("Authorization").Single());
        return client;
    }

    private static async Task<List<long>> FeedIdsAsync(HttpClient reader) =>
        (await GetDataAsync(reader, "/api/timeline/posts/followings?size=20"))
            .GetProperty("content").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();

    private static async Task<JsonElement> GetDataAsync(HttpClient client, string path) => await DataOfAsync(await client.GetAsync(path));

    private static async Task<JsonElement> DataOfAsync(HttpResponseMessage response)
    {
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("data").Clone();
    }
}

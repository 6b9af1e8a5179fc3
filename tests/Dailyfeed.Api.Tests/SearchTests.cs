using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class SearchTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Fact]
    public async Task Korean_and_english_keywords_find_posts_including_words_inside_longer_words()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var korean = await CreateAsync(client, $"오늘 서울{tag}에서 맛있는 비빔밥을 먹었다");
        var english = await CreateAsync(client, $"Benchmarks of the actor runtime {tag} look promising");
        await CreateAsync(client, $"Nothing relevant here {Guid.NewGuid():N}");

        var byKorean = await client.GetAsync($"/api/search/posts?keyword={Uri.EscapeDataString($"서울{tag}")}");
        var byKoreanStem = await client.GetAsync($"/api/search/posts?keyword={Uri.EscapeDataString("비빔밥")}");
        var byEnglish = await client.GetAsync($"/api/search/posts?keyword={Uri.EscapeDataString($"RUNTIME {tag}")}");

        byKorean.ContentIds.ShouldBe([korean]);
        byKoreanStem.ContentIds.ShouldContain(korean, "a keyword glued to a particle (비빔밥을) still matches");
        byEnglish.ContentIds.ShouldBe([english], "matching ignores case");
        byEnglish.Data.GetProperty("totalElements").GetInt64().ShouldBe(1);
        byEnglish.Data.GetProperty("first").GetBoolean().ShouldBeTrue();
        byEnglish.Data.GetProperty("last").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Search_pages_are_numbered_and_the_closest_match_comes_first()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var exact = await CreateAsync(client, $"rust{tag}");
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(client, $"a long post that mentions rust{tag} somewhere in the middle of much other text number {i}");
        }

        var first = await client.GetAsync($"/api/search/posts?keyword=rust{tag}&page=0&size=2");
        var second = await client.GetAsync($"/api/search/posts?keyword=rust{tag}&page=1&size=2");

        first.ContentIds[0].ShouldBe(exact);
        first.Data.GetProperty("totalElements").GetInt64().ShouldBe(4);
        first.Data.GetProperty("totalPages").GetInt32().ShouldBe(2);
        first.Data.GetProperty("hasNext").GetBoolean().ShouldBeTrue();
        second.Data.GetProperty("hasPrevious").GetBoolean().ShouldBeTrue();
        second.Data.GetProperty("last").GetBoolean().ShouldBeTrue();
        first.ContentIds.Concat(second.ContentIds).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task Comments_are_searchable_and_deleted_ones_disappear()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var postId = await CreateAsync(client, "a post");
        var comment = (await client.PostAsync("/api/comments", new { postId, content = $"정말 좋은 글{tag}입니다" })).Id;

        (await client.GetAsync($"/api/search/comments?keyword={Uri.EscapeDataString($"글{tag}")}")).ContentIds.ShouldBe([comment]);
        await client.DeleteAsync($"/api/comments/{comment}");
        (await client.GetAsync($"/api/search/comments?keyword={Uri.EscapeDataString($"글{tag}")}")).ContentIds.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_keyword_is_a_clear_error_and_wildcards_are_literal()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();

        var missing = await client.GetAsync("/api/search/posts");
        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.Code.ShouldBe("INVALID_REQUEST");
        (await client.GetAsync($"/api/search/posts?keyword={Uri.EscapeDataString($"%{Guid.NewGuid():N}")}")).Data.GetProperty("totalElements").GetInt64().ShouldBe(0);
    }

    private static async Task<long> CreateAsync(ApiClient client, string content)
    {
        var response = await client.PostAsync("/api/posts", new { content });
        response.Status.ShouldBe(HttpStatusCode.Created, response.ToString());
        return response.Id;
    }
}

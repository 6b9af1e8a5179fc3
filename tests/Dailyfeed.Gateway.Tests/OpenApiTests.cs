using System.Net;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

public sealed class OpenApiTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    [Fact]
    public async Task The_openapi_document_describes_every_feature_group()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/authentication/login");
        paths.ShouldContain("/api/token/refresh");
        paths.ShouldContain("/api/members/follow/{id}");
        paths.ShouldContain("/api/posts");
        paths.ShouldContain("/api/comments/replies");
        paths.ShouldContain("/api/timeline/posts/followings");
        paths.ShouldContain("/api/search/posts");
        paths.ShouldContain("/api/images/upload");
        paths.ShouldContain("/api/member-activities");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_comment_reads_on_the_original_paths()
    {
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/timeline/comments/{id}");
        paths.ShouldContain("/api/timeline/comments/{id}/replies");
        paths.ShouldContain("/api/timeline/comments");
        paths.ShouldContain("/api/timeline/members/{memberId}/comments");
    }
}

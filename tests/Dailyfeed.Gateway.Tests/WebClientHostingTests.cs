using System.Net;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>The web client built into Gateway.Api/wwwroot is served, and its fallback leaves server paths alone.</summary>
public sealed class WebClientHostingTests : IClassFixture<EmbeddedGatewayFactory>
{
    private const string AppMarker = "<main id=\"main\"";
    private readonly EmbeddedGatewayFactory _factory;

    public WebClientHostingTests(EmbeddedGatewayFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/login")]
    [InlineData("/signup")]
    [InlineData("/profile/@someone")]
    [InlineData("/posts/42")]
    public async Task App_paths_serve_index_html(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain(AppMarker);
    }

    [Fact]
    public async Task The_script_index_html_references_is_served()
    {
        using var client = _factory.CreateClient();
        var index = await client.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(index, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;

        using var response = await client.GetAsync(script);

        script.ShouldNotBeEmpty();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
    }

    [Theory]
    [InlineData("GET", "/api/unknown")]
    [InlineData("POST", "/api/unknown/deeper")]
    public async Task Unknown_api_paths_answer_the_error_envelope_404(string method, string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("statusCode").GetInt32().ShouldBe(404);
        body.RootElement.GetProperty("resultCode").GetString().ShouldBe("FAIL");
        body.RootElement.GetProperty("code").GetString().ShouldBe("NOT_FOUND");
        body.RootElement.GetProperty("path").GetString().ShouldBe(path);
    }

    [Theory]
    [InlineData("/healthcheck/unknown")]
    [InlineData("/metrics/unknown")]
    [InlineData("/openapi/unknown.json")]
    [InlineData("/missing-asset.js")]
    public async Task Server_paths_and_missing_files_are_not_answered_with_the_app(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(AppMarker);
    }

    [Fact]
    public async Task A_post_to_an_app_path_is_not_answered_with_the_app()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync("/login", new StringContent(""));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

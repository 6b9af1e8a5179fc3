using System.Net;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

public sealed class HealthEndpointTests : IClassFixture<EmbeddedGatewayFactory>
{
    private readonly EmbeddedGatewayFactory _factory;

    public HealthEndpointTests(EmbeddedGatewayFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/healthcheck/live")]
    [InlineData("/healthcheck/ready")]
    [InlineData("/healthcheck/startup")]
    public async Task The_embedded_default_answers_every_probe(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_reports_the_embedded_silo_serving_both_pools()
    {
        using var client = _factory.CreateClient();

        var body = await client.GetStringAsync("/healthcheck/ready");

        body.ShouldContain("\"cluster\"");
        body.ShouldContain("1 active silos");
    }
}

using System.Net;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

public sealed class MetricsTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    [Fact]
    public async Task Metrics_show_requests_per_route_template_and_the_silo_gauges()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/healthcheck/live");
        await client.GetAsync("/api/members/profile/123");

        var text = await client.GetStringAsync("/metrics");

        text.ShouldContain("# TYPE http_server_requests_total counter");
        text.ShouldContain("http_server_requests_total{method=\"GET\",route=\"/healthcheck/live\",status=\"200\"}");
        text.ShouldContain("route=\"/api/members/profile/{id:long}\",status=\"401\"", Case.Sensitive, "labelled by route template, not by raw path");
        text.ShouldContain("http_server_request_duration_seconds_bucket{method=\"GET\",route=\"/healthcheck/live\",le=\"+Inf\"}");
        text.ShouldContain("dailyfeed_activations{silo=");
        text.ShouldContain("dailyfeed_circuit_open{dependency=\"grain storage\"");
    }
}

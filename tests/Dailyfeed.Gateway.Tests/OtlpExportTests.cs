using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private WebApplication _collector = null!;

    /// <summary>A stand-in OTLP/HTTP collector on loopback that keeps what it is sent.</summary>
    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _collector = builder.Build();
        _collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Enqueue((context.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await _collector.StartAsync();
    }

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    [Fact]
    public async Task With_a_collector_configured_the_gateway_exports_its_spans_and_metrics_over_otlp()
    {
        await using var gateway = new EmbeddedGatewayFactory().WithWebHostBuilder(b =>
        {
            b.UseSetting("Dailyfeed:Telemetry:OtlpEndpoint", _collector.Urls.Single());
            b.UseSetting("Dailyfeed:Telemetry:MetricExportInterval", "00:00:00.500");
            b.UseSetting("Dailyfeed:Telemetry:TraceExportDelay", "00:00:00.200");
        });
        using var client = gateway.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/timeline/posts/most-popular");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // OTLP protobuf carries trace ids as their 16 raw bytes and metric names as UTF-8 strings.
        var traceBytes = Convert.FromHexString(traceId.ToHexString());
        await WaitForAsync(() => _received.Any(r => r.Path == "/v1/traces" && Contains(r.Body, traceBytes)), "a span of the request's trace");
        await WaitForAsync(() => _received.Any(r => r.Path == "/v1/metrics" && Contains(r.Body, Encoding.UTF8.GetBytes("http.server.request.duration"))),
            "ASP.NET Core's request duration histogram");
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        condition().ShouldBeTrue($"the collector never received {what}");
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

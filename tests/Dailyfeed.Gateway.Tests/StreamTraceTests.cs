using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dailyfeed.ServiceDefaults.Telemetry;
using Dailyfeed.Testing.Telemetry;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>
/// The stream side of a request's trace, on the embedded default (its stream bus delivers in process): the activity
/// event a post writes is delivered inside the request's trace, under a span OpenTelemetry recorded for that request.
/// </summary>
public sealed class StreamTraceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_stream_delivery_a_request_causes_is_a_span_of_the_request_trace()
    {
        var spans = new RecordedSpans();
        await using var gateway = new EmbeddedGatewayFactory().WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddDailyfeedTracing(tracing => tracing.AddInMemoryExporter(spans))));
        using var client = gateway.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        var email = $"traced{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/authentication/signup",
            new { email, password = "Str0ng!Pass", memberName = "Traced", handle = $"t_{Guid.NewGuid():N}"[..12] })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var login = await client.PostAsJsonAsync("/api/authentication/login", new { email, password = "Str0ng!Pass" });
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(login.Headers.GetValues("Authorization").Single());
        var traceId = ActivityTraceId.CreateRandom();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await client.PostAsJsonAsync("/api/posts", new { content = "a traced post" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var trace = await spans.WaitForTraceAsync(traceId, Patience, IsDelivery, RecordedSpans.IsHttpServerSpan);

        var delivery = trace.Where(IsDelivery).ShouldHaveSingleItem("the activity event's delivery, in the request's trace");
        trace.ShouldContain(span => RecordedSpans.IsHttpServerSpan(span), "the gateway's HTTP server span");
        trace.Select(s => s.SpanId).ShouldContain(delivery.ParentSpanId, "the delivery hangs under a recorded span of the request");
    }

    private static bool IsDelivery(Activity span) =>
        span.Source.Name == TraceContext.SourceName && span.Kind == ActivityKind.Consumer && span.DisplayName.EndsWith(" deliver", StringComparison.Ordinal);
}

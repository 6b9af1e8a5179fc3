using System.Diagnostics;
using System.Net;
using Dailyfeed.ServiceDefaults.Telemetry;
using Dailyfeed.Testing.Telemetry;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// The spans OpenTelemetry records for one request: the gateway's HTTP server span, the cluster client's grain calls,
/// and the calls silos serve (Orleans' activity propagation carries the trace over the silo connection), all in the
/// caller's trace. The gateway and the silos share this process, so the one tracer sees every side.
/// </summary>
public sealed class TraceExportTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    private const string OrleansGrainCalls = "Microsoft.Orleans.Application";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_trace_id_links_the_gateway_request_and_the_grain_calls_it_causes_on_the_silos()
    {
        var spans = new RecordedSpans();
        await using var gateway = cluster.Gateway.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddDailyfeedTracing(tracing => tracing.AddInMemoryExporter(spans))));
        using var client = new ApiClient(gateway.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = true }));
        await client.SignupAndLoginAsync();
        var traceId = ActivityTraceId.CreateRandom();
        client.Http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await client.PostAsync("/api/posts", new { content = "traced by OpenTelemetry" })).Status.ShouldBe(HttpStatusCode.Created);

        // Spans are exported when they end: the HTTP server span after the response was sent, the silo's side of the
        // last call possibly after that.
        var trace = await spans.WaitForTraceAsync(traceId, Patience, RecordedSpans.IsHttpServerSpan,
            span => span.Source.Name == OrleansGrainCalls && span.Kind == ActivityKind.Server && span.DisplayName.Contains("CreateAsync"));

        var request = trace.Where(RecordedSpans.IsHttpServerSpan).ShouldHaveSingleItem("the gateway's HTTP server span");
        request.GetTagItem("http.route").ShouldBe("/api/posts/", "the route template (the posts group maps \"/\")");
        var outgoing = trace.Where(s => s.Source.Name == OrleansGrainCalls && s.Kind == ActivityKind.Client).ToList();
        outgoing.ShouldNotBeEmpty("the cluster client's grain calls");
        var served = trace.Where(s => s.Source.Name == OrleansGrainCalls && s.Kind == ActivityKind.Server).ToList();
        served.ShouldNotBeEmpty("the calls the silos served");
        // A served call's span ends before its caller's (the answer still has to travel back), and calls the request
        // set off without awaiting may still be under way: each caller's span is waited for, not expected already.
        trace = await spans.WaitForTraceAsync(traceId, Patience, [.. served.Select(CallerOf)]);
        var spanIds = trace.Select(s => s.SpanId).ToHashSet();
        served.ShouldAllBe(s => spanIds.Contains(s.ParentSpanId), "every served call hangs under a span of the same trace");
        trace.ShouldContain(s => s.Source.Name == "Npgsql", "the post's state written to PostgreSQL by the silo");
    }

    private static Func<Activity, bool> CallerOf(Activity served) => span => span.SpanId == served.ParentSpanId;
}

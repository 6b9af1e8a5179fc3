using System.Diagnostics;
using System.Net;
using Dailyfeed.ServiceDefaults.Telemetry;
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

    [Fact]
    public async Task One_trace_id_links_the_gateway_request_and_the_grain_calls_it_causes_on_the_silos()
    {
        var spans = new List<Activity>();
        await using var gateway = cluster.Gateway.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddDailyfeedTracing(tracing => tracing.AddInMemoryExporter(spans))));
        using var client = new ApiClient(gateway.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = true }));
        await client.SignupAndLoginAsync();
        var traceId = ActivityTraceId.CreateRandom();
        client.Http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await client.PostAsync("/api/posts", new { content = "traced by OpenTelemetry" })).Status.ShouldBe(HttpStatusCode.Created);

        // Spans are exported when they end; the silo side of the last call may end just after the response is sent.
        Activity[] trace = [];
        await Eventually.HoldsAsync(() =>
        {
            trace = [.. spans.ToArray().Where(s => s.TraceId == traceId)];
            return Task.FromResult(trace.Any(s => s.Source.Name == OrleansGrainCalls && s.Kind == ActivityKind.Server && s.DisplayName.Contains("CreateAsync")));
        });

        var request = trace.Where(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore").ShouldHaveSingleItem("the gateway's HTTP server span");
        request.GetTagItem("http.route").ShouldBe("/api/posts/", "the route template (the posts group maps \"/\")");
        var outgoing = trace.Where(s => s.Source.Name == OrleansGrainCalls && s.Kind == ActivityKind.Client).ToList();
        outgoing.ShouldNotBeEmpty("the cluster client's grain calls");
        var served = trace.Where(s => s.Source.Name == OrleansGrainCalls && s.Kind == ActivityKind.Server).ToList();
        served.ShouldNotBeEmpty("the calls the silos served");
        var spanIds = trace.Select(s => s.SpanId).ToHashSet();
        served.ShouldAllBe(s => spanIds.Contains(s.ParentSpanId), "every served call hangs under a span of the same trace");
        trace.ShouldContain(s => s.Source.Name == "Npgsql", "the post's state written to PostgreSQL by the silo");
    }
}

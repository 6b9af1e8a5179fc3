using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
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
        text.ShouldContain("# TYPE dailyfeed_outbox_pending gauge");
        text.ShouldMatch(@"(?m)^dailyfeed_outbox_oldest_age_seconds \d+\.\d$");
    }

    [Fact]
    public async Task Counters_and_histograms_count_every_request_once_with_cumulative_buckets()
    {
        const string Route = "route=\"/healthcheck/ready\"";
        using var client = factory.CreateClient();
        var before = await client.GetStringAsync("/metrics");

        const int Requests = 7;
        for (var i = 0; i < Requests; i++)
        {
            (await client.GetAsync("/healthcheck/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var after = await client.GetStringAsync("/metrics");
        var counter = $"http_server_requests_total{{method=\"GET\",{Route},status=\"200\"}}";
        (Value(after, counter) - Value(before, counter)).ShouldBe(Requests);
        var count = $"http_server_request_duration_seconds_count{{method=\"GET\",{Route}}}";
        (Value(after, count) - Value(before, count)).ShouldBe(Requests);

        var buckets = Regex.Matches(after, $@"^http_server_request_duration_seconds_bucket\{{method=""GET"",{Regex.Escape(Route)},le=""([^""]+)""\}} (\d+)$", RegexOptions.Multiline)
            .Select(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            .ToList();
        buckets.Count.ShouldBe(15, "14 bounds and +Inf");
        buckets.ShouldBe(buckets.Order().ToList(), "buckets are cumulative");
        buckets[^1].ShouldBe((long)Value(after, count), "+Inf holds every observation");
    }

    [Fact]
    public async Task Metrics_show_the_process_cpu_memory_gc_and_thread_pool()
    {
        using var client = factory.CreateClient();
        var before = await client.GetStringAsync("/metrics");

        const int Allocated = 4 * 1024 * 1024;
        GC.KeepAlive(new byte[Allocated]);
        GC.Collect();
        var after = await client.GetStringAsync("/metrics");

        after.ShouldContain("# TYPE dotnet_gc_allocated_bytes_total counter");
        (Value(after, "dotnet_gc_allocated_bytes_total") - Value(before, "dotnet_gc_allocated_bytes_total")).ShouldBeGreaterThanOrEqualTo(Allocated);
        const string Gen2 = "dotnet_gc_collections_total{generation=\"2\"}";
        (Value(after, Gen2) - Value(before, Gen2)).ShouldBeGreaterThanOrEqualTo(1, "a full collection ran between the scrapes");
        Value(after, "dotnet_gc_pause_seconds_total").ShouldBeGreaterThan(0);
        Value(after, "process_cpu_seconds_total").ShouldBeGreaterThan(0);
        Value(after, "process_working_set_bytes").ShouldBeGreaterThan(0);
        Value(after, "dotnet_thread_pool_threads").ShouldBeGreaterThan(0);
        Value(after, "dotnet_thread_pool_completed_items_total").ShouldBeGreaterThan(Value(before, "dotnet_thread_pool_completed_items_total"));
    }

    private static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}

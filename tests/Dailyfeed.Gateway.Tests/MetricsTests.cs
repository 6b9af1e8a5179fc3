using System.Net;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

public sealed class MetricsTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    private const string RequestCount = "http_server_request_duration_seconds_count";
    private const string RequestBucket = "http_server_request_duration_seconds_bucket";

    [Fact]
    public async Task Metrics_show_requests_per_route_template_and_the_silo_gauges()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/healthcheck/live");
        await client.GetAsync("/api/members/profile/123");

        var scrape = PrometheusScrape.Parse(await client.GetStringAsync("/metrics"));

        scrape.TypeOf("http_server_request_duration_seconds").ShouldBe("histogram");
        scrape.Sum(RequestCount, ("http_request_method", "GET"), ("http_route", "/healthcheck/live"), ("http_response_status_code", "200")).ShouldBeGreaterThanOrEqualTo(1);
        scrape.Sum(RequestCount, ("http_route", "/api/members/profile/{id:long}"), ("http_response_status_code", "401"))
            .ShouldBeGreaterThanOrEqualTo(1, "labelled by route template, not by raw path");
        scrape.Series(RequestBucket, ("http_route", "/healthcheck/live"), ("le", "0.25")).ShouldNotBeEmpty("the latency SLO alerts read the 250 ms bucket");
        scrape.Series("dailyfeed_activations").ShouldContain(s => s.Labels.ContainsKey("silo") && s.Value > 0);
        scrape.Sum("dailyfeed_circuit_open", ("dependency", "grain storage")).ShouldBe(0);
        scrape.TypeOf("dailyfeed_outbox_oldest_age_seconds").ShouldBe("gauge", "stream lag: how long the oldest unpublished event has waited");
    }

    [Fact]
    public async Task Counters_and_histograms_count_every_request_once_with_cumulative_buckets()
    {
        var route = ("http_route", "/healthcheck/ready");
        var ok = ("http_response_status_code", "200");
        using var client = factory.CreateClient();
        var before = PrometheusScrape.Parse(await client.GetStringAsync("/metrics"));

        const int Requests = 7;
        for (var i = 0; i < Requests; i++)
        {
            (await client.GetAsync("/healthcheck/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var after = PrometheusScrape.Parse(await client.GetStringAsync("/metrics"));
        (after.Sum(RequestCount, route, ok) - before.Sum(RequestCount, route, ok)).ShouldBe(Requests);
        var buckets = after.Series(RequestBucket, route, ok).ToList();
        buckets.ShouldContain(b => b.Labels["le"] == "0.0005", "sub-millisecond resolution, not ASP.NET Core's 5 ms first bound");
        buckets.Count.ShouldBe(15, "the runtime's 14 duration bounds and +Inf");
        buckets.Select(b => b.Value).ShouldBe(buckets.Select(b => b.Value).Order().ToList(), "buckets are cumulative");
        buckets.Single(b => b.Labels["le"] == "+Inf").Value.ShouldBe(after.Sum(RequestCount, route, ok), "+Inf holds every observation");
    }

    [Fact]
    public async Task A_gateway_counts_only_its_own_requests_when_another_runs_in_the_same_process()
    {
        var route = ("http_route", "/healthcheck/startup");
        await using var other = new EmbeddedGatewayFactory();
        using var otherClient = other.CreateClient();
        using var client = factory.CreateClient();
        var before = PrometheusScrape.Parse(await client.GetStringAsync("/metrics")).Sum(RequestCount, route);

        const int Requests = 5;
        for (var i = 0; i < Requests; i++)
        {
            (await otherClient.GetAsync("/healthcheck/startup")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        PrometheusScrape.Parse(await otherClient.GetStringAsync("/metrics")).Sum(RequestCount, route).ShouldBe(Requests);
        PrometheusScrape.Parse(await client.GetStringAsync("/metrics")).Sum(RequestCount, route)
            .ShouldBe(before, "the other gateway's requests are not this one's (its meters share the names)");
    }

    [Fact]
    public async Task Metrics_show_the_process_cpu_memory_gc_and_thread_pool()
    {
        using var client = factory.CreateClient();
        var before = PrometheusScrape.Parse(await client.GetStringAsync("/metrics"));

        const int Allocated = 4 * 1024 * 1024;
        GC.KeepAlive(new byte[Allocated]);
        GC.Collect();
        var after = PrometheusScrape.Parse(await client.GetStringAsync("/metrics"));

        const string AllocatedBytes = "dotnet_gc_heap_total_allocated_bytes_total";
        after.TypeOf(AllocatedBytes).ShouldBe("counter");
        (after.Sum(AllocatedBytes) - before.Sum(AllocatedBytes)).ShouldBeGreaterThanOrEqualTo(Allocated);
        var gen2 = ("gc_heap_generation", "gen2");
        (after.Sum("dotnet_gc_collections_total", gen2) - before.Sum("dotnet_gc_collections_total", gen2))
            .ShouldBeGreaterThanOrEqualTo(1, "a full collection ran between the scrapes");
        after.Sum("dotnet_gc_pause_time_seconds_total").ShouldBeGreaterThan(0);
        after.Sum("process_cpu_time_seconds_total").ShouldBeGreaterThan(0);
        after.Sum("process_memory_usage_bytes").ShouldBeGreaterThan(0);
        after.Sum("dotnet_thread_pool_thread_count_total").ShouldBeGreaterThan(0);
        after.Sum("dotnet_thread_pool_work_item_count_total").ShouldBeGreaterThan(before.Sum("dotnet_thread_pool_work_item_count_total"));
    }

    [Fact]
    public async Task Metrics_show_orleans_own_meter_rate_limiting_and_the_stream_backlog()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/api/members/profile/123");

        var scrape = PrometheusScrape.Parse(await client.GetStringAsync("/metrics"));

        scrape.Sum("orleans_app_requests_latency_milliseconds_count").ShouldBeGreaterThan(0, "Orleans' meter: grain requests this silo served");
        scrape.Sum("orleans_catalog_activation_working_set").ShouldBeGreaterThan(0);
        scrape.Samples.ShouldNotContain(s => s.Name.StartsWith("orleans_messaging_processing_dispatcher_", StringComparison.Ordinal) || s.Name == "orleans_messaging_sent_local_total",
            "per-message pipeline counters are dropped (MetricsOptions.DroppedInstruments): they cost every grain call");
        scrape.Sum("aspnetcore_rate_limiting_requests_total", ("aspnetcore_rate_limiting_result", "acquired")).ShouldBeGreaterThan(0);
        scrape.Series("dailyfeed_outbox_pending").ShouldHaveSingleItem();
        scrape.Series("dailyfeed_dead_letters_open").Select(s => s.Labels["kind"]).Order().ShouldBe(["listener", "publisher"]);
        scrape.Sum("dailyfeed_backlog_sample_failed").ShouldBe(0, "the embedded store answers the backlog queries");
    }
}

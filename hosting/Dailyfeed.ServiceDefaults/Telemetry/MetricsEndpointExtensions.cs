using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using global::Orleans;

namespace Dailyfeed.ServiceDefaults.Telemetry;

public static class MetricsEndpointExtensions
{
    /// <summary>Orleans' own meter: requests, messaging, catalog, directory, storage and streams of this silo or client.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>
    /// ASP.NET Core's request histogram. Its own bounds start at 5 ms, where most reads here finish; ours start at
    /// 0.5 ms (and keep the 250 ms bound the latency SLO alerts read), so the bench can tell a 1 ms p99 from a 4 ms one.
    /// </summary>
    private const string AspNetCoreRequestDuration = "http.server.request.duration";

    /// <summary>
    /// Every instrument this process has, for the Prometheus endpoint (and OTLP when configured): ASP.NET Core's request,
    /// Kestrel, routing and rate-limiting meters, outgoing HTTP, the .NET runtime and the process, Npgsql, Orleans, and
    /// every Dailyfeed meter; plus the grain-call counts of every call this process makes. A silo's gauges sample its
    /// outbox, so the outbox provider registers them (<c>AddDailyfeedSiloGauges</c>).
    /// </summary>
    public static IServiceCollection AddDailyfeedMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        services.AddSingleton<IOutgoingGrainCallFilter, GrainCallMetricsFilter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PlatformMetrics.MeterPrefix + "*", OrleansMeterName)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddPrometheusExporter());
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            // A dropped instrument is never enabled, so where it is recorded the measurement is skipped altogether.
            var dropped = provider.GetRequiredService<IOptions<MetricsOptions>>().Value.DroppedInstruments.ToHashSet(StringComparer.Ordinal);

            // Meters made by another host's IMeterFactory share this host's meter names (ASP.NET Core, Kestrel, rate
            // limiting, Dailyfeed's), and a provider listens by name: in a process with several hosts (the test
            // suites) each provider would count every host's requests and, past the SDK's limit on metric streams,
            // drop its own. Static meters (the runtime's, Orleans') have no factory and stay.
            // One view for all three decisions: the SDK makes a stream for every view that matches, so a drop in one
            // view would not stop another view's stream of the same instrument.
            var ownMeters = provider.GetRequiredService<IMeterFactory>();
            var requestDuration = new ExplicitBucketHistogramConfiguration { Boundaries = [.. PlatformMetrics.DurationBuckets] };
            metrics.AddView(instrument =>
                dropped.Contains(instrument.Name) || instrument.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, ownMeters)
                    ? MetricStreamConfiguration.Drop
                    : instrument.Name == AspNetCoreRequestDuration ? requestDuration : null);
        });
        services.AddOptions<OpenTelemetry.Exporter.PrometheusAspNetCoreOptions>().Configure<IOptions<MetricsOptions>>((exporter, metrics) =>
        {
            exporter.ScrapeEndpointPath = metrics.Value.Path;
            exporter.ScrapeResponseCacheDurationMilliseconds = (int)metrics.Value.ScrapeCacheDuration.TotalMilliseconds;

            // Series names already say where they come from; scope labels on every line only lengthen each scrape.
            exporter.ScopeInfoEnabled = false;
        });
        return services;
    }

    /// <summary>GET /metrics (<see cref="MetricsOptions.Path"/>) in the Prometheus text format, served by OpenTelemetry's exporter.</summary>
    public static IEndpointConventionBuilder MapDailyfeedMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Path);
}

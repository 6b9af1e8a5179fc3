using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dailyfeed.ServiceDefaults.Telemetry;

public static class OpenTelemetryExportExtensions
{
    private const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans' sources of grain calls (both sides of every call) and of grain storage operations.</summary>
    private static readonly string[] OrleansSources = [TraceContext.OrleansGrainCallSourceName, "Microsoft.Orleans.Storage"];

    /// <summary>
    /// Exports the runtime's spans (gateway requests, grain calls on both sides, stream deliveries) and every meter of
    /// /metrics over OTLP/HTTP when a collector is configured. The Prometheus endpoint keeps working either way.
    /// </summary>
    public static IServiceCollection AddDailyfeedTelemetryExport(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryExportOptions.Section).Get<TelemetryExportOptions>() ?? new TelemetryExportOptions();
        var endpoint = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? configuration[StandardEndpointVariable] : options.OtlpEndpoint;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        var serviceName = options.ServiceName ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "dailyfeed";
        services.AddDailyfeedTracing(_ => { });
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, new Uri(endpoint));
        services.Configure<MetricReaderOptions>(o =>
            o.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricExportInterval.TotalMilliseconds);
        services.Configure<BatchExportActivityProcessorOptions>(o => o.ScheduledDelayMilliseconds = (int)options.TraceExportDelay.TotalMilliseconds);
        return services;
    }

    /// <summary>
    /// Records spans of every hop a request takes: the gateway's HTTP server span, outgoing HTTP, Npgsql commands,
    /// Orleans grain calls on caller and callee (Orleans' activity propagation carries the trace between silos) and
    /// the platform's own stream deliveries, handed to <paramref name="export"/>'s exporter. Without an exporter nothing
    /// is recorded: spans cost CPU on every request, so they are only made when someone reads them.
    /// </summary>
    public static IServiceCollection AddDailyfeedTracing(this IServiceCollection services, Action<TracerProviderBuilder> export)
    {
        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource(TraceContext.SourceName).AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql();
            export(tracing);
        });
        return services;
    }
}

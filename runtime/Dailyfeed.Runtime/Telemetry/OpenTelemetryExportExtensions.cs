using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dailyfeed.Runtime.Telemetry;

public static class OpenTelemetryExportExtensions
{
    private const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Exports the runtime's spans (gateway requests, grain calls on both sides, stream deliveries) and every Dailyfeed
    /// meter over OTLP/HTTP when a collector is configured. The Prometheus endpoint keeps working either way.
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
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(TraceContext.SourceName).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(RuntimeMetrics.MeterPrefix + "*").AddAspNetCoreInstrumentation())
            .UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, new Uri(endpoint));
        services.Configure<MetricReaderOptions>(o =>
            o.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricExportInterval.TotalMilliseconds);
        services.Configure<BatchExportActivityProcessorOptions>(o => o.ScheduledDelayMilliseconds = (int)options.TraceExportDelay.TotalMilliseconds);
        return services;
    }
}

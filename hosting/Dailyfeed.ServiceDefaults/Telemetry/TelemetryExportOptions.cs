namespace Dailyfeed.ServiceDefaults.Telemetry;

/// <summary>OpenTelemetry export over OTLP (configuration section Dailyfeed:Telemetry).</summary>
public sealed class TelemetryExportOptions
{
    public const string Section = "Dailyfeed:Telemetry";

    /// <summary>
    /// Base URL of an OTLP/HTTP collector (e.g. http://otel-collector:4318); traces go to /v1/traces, metrics to
    /// /v1/metrics. Empty: no export, unless the standard OTEL_EXPORTER_OTLP_ENDPOINT variable is set.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Service name on every span and metric; defaults to the host's assembly name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>How often metrics are pushed.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest time a finished span waits in the batch before it is sent.</summary>
    public TimeSpan TraceExportDelay { get; set; } = TimeSpan.FromSeconds(5);
}

using System.Diagnostics.Metrics;

namespace Dailyfeed.ServiceDefaults.Telemetry;

/// <summary>
/// The platform's own instruments (meter "Dailyfeed.Platform"): grain-call RED with domain outcomes, breaker transitions,
/// retries and refusals. HTTP request metrics come from ASP.NET Core's own meter, process and .NET runtime ones from
/// OpenTelemetry's instrumentation; the Prometheus exporter turns these names into dailyfeed_..._total and
/// dailyfeed_..._seconds series.
/// </summary>
public static class PlatformMetrics
{
    public const string MeterName = "Dailyfeed.Platform";

    /// <summary>Every Dailyfeed meter (platform, gateway, a silo's gauges) starts with this; /metrics exports them all.</summary>
    public const string MeterPrefix = "Dailyfeed.";

    /// <summary>
    /// Bounds of the duration histograms, in seconds: a local grain call takes microseconds, a remote one a fraction of a
    /// millisecond, a stalled one up to the 5 s call timeout. OpenTelemetry's default bounds are for milliseconds.
    /// </summary>
    internal static readonly IReadOnlyList<double> DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    internal static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> GrainCalls =
        Meter.CreateCounter<long>("dailyfeed.grain.calls", description: "Grain calls made by this process, by grain type, method and outcome");

    internal static readonly Histogram<double> GrainCallDuration =
        Meter.CreateHistogram("dailyfeed.grain.call.duration", "s", "Grain call latency seen by the caller, by grain type",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    internal static readonly Counter<long> CircuitTransitions =
        Meter.CreateCounter<long>("dailyfeed.circuit.transitions", description: "Circuit breaker state changes by dependency and new state");

    internal static readonly Counter<long> Retries =
        Meter.CreateCounter<long>("dailyfeed.retries", description: "Retries of idempotent calls after a transient failure, by edge");

    internal static readonly Counter<long> DependencyRefusals =
        Meter.CreateCounter<long>("dailyfeed.dependency.refusals", description: "Calls failed without an answer, by dependency and reason (timeout, open_circuit, rate_limit, bulkhead, failure)");

    internal static readonly Counter<long> DeadLetters =
        Meter.CreateCounter<long>("dailyfeed.dead_letters", description: "Stream events moved to dead letters by this process, by kind (publisher, listener)");

    internal static readonly Counter<long> DeliveryFailures =
        Meter.CreateCounter<long>("dailyfeed.stream.delivery_failures", description: "Stream deliveries to a consumer that threw, by stream; each is retried until the provider's bound, then dead-lettered");

    internal static readonly Counter<long> PublishRetries =
        Meter.CreateCounter<long>("dailyfeed.stream.publish_retries", description: "Outbox rows whose publish failed and were scheduled for another attempt");
}

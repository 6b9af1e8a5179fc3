using System.Diagnostics.Metrics;

namespace Dailyfeed.Runtime.Telemetry;

/// <summary>The runtime's instruments (meter "Dailyfeed.Runtime"): RED for HTTP and grain calls, plus breaker state.</summary>
public static class RuntimeMetrics
{
    public const string MeterName = "Dailyfeed.Runtime";

    /// <summary>Every Dailyfeed meter (runtime, gateway) starts with this; /metrics exports them all.</summary>
    public const string MeterPrefix = "Dailyfeed.";

    internal static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> HttpRequests =
        Meter.CreateCounter<long>("http_server_requests_total", description: "HTTP requests by method, route template and status");

    internal static readonly Histogram<double> HttpDuration =
        Meter.CreateHistogram<double>("http_server_request_duration_seconds", "s", "HTTP request duration by method and route template");

    internal static readonly Counter<long> GrainCalls =
        Meter.CreateCounter<long>("dailyfeed_grain_calls_total", description: "Grain calls made by this process, by grain type, method and outcome");

    internal static readonly Histogram<double> GrainCallDuration =
        Meter.CreateHistogram<double>("dailyfeed_grain_call_duration_seconds", "s", "Grain call latency seen by the caller, by grain type");

    internal static readonly Counter<long> CircuitTransitions =
        Meter.CreateCounter<long>("dailyfeed_circuit_transitions_total", description: "Circuit breaker state changes by dependency and new state");

    internal static readonly Counter<long> Retries =
        Meter.CreateCounter<long>("dailyfeed_retries_total", description: "Retries of idempotent calls after a transient failure, by edge");

    internal static readonly Counter<long> DependencyRefusals =
        Meter.CreateCounter<long>("dailyfeed_dependency_refusals_total", description: "Calls failed without an answer, by dependency and reason (timeout, open_circuit, rate_limit, bulkhead, failure)");

    internal static readonly Counter<long> DeadLetters =
        Meter.CreateCounter<long>("dailyfeed_dead_letters_total", description: "Stream events moved to dead letters by this process, by kind (publisher, listener)");

    internal static readonly Counter<long> DeliveryFailures =
        Meter.CreateCounter<long>("dailyfeed_stream_delivery_failures_total", description: "Stream deliveries to a consumer that threw, by stream; each is retried until the provider's bound, then dead-lettered");

    internal static readonly Counter<long> PublishRetries =
        Meter.CreateCounter<long>("dailyfeed_stream_publish_retries_total", description: "Outbox rows whose publish failed and were scheduled for another attempt");
}

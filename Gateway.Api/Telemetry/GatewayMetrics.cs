using System.Diagnostics.Metrics;

namespace Dailyfeed.Gateway.Api.Telemetry;

/// <summary>The gateway's own instruments; /metrics and OTLP export every "Dailyfeed." meter (as dailyfeed_..._total series).</summary>
internal static class GatewayMetrics
{
    private static readonly Meter Meter = new("Dailyfeed.Gateway");

    public static readonly Counter<long> FallbackPagesServed =
        Meter.CreateCounter<long>("dailyfeed.fallback.pages_served", description: "Cached pages served because the cluster was unavailable, by route");

    public static readonly Counter<long> RateLimitRejections =
        Meter.CreateCounter<long>("dailyfeed.rate_limit.rejections", description: "Requests refused with 429 by the per-IP and per-member budgets");

    public static readonly Counter<long> RateLimitLocalFallbacks =
        Meter.CreateCounter<long>("dailyfeed.rate_limit.local_fallbacks", description: "Rate-limit decisions a gateway made alone because the shared budgets in Redis were unreachable, by budget");
}

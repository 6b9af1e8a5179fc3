namespace Dailyfeed.Runtime.Resilience;

/// <summary>
/// One breaker's settings. Defaults follow the original's "critical" profile: open at 40% failures over at least 5
/// calls, stay open 30 s, then let probes through.
/// </summary>
public sealed class CircuitBreakerProfile
{
    public double FailureRatio { get; set; } = 0.4;

    public int MinimumThroughput { get; set; } = 5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-attempt time limit; a slow dependency counts as failing.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Breakers on the silo's remote edges (configuration section Dailyfeed:Resilience).</summary>
public sealed class ResilienceOptions
{
    /// <summary>Silo to grain storage (PostgreSQL or SQLite).</summary>
    public CircuitBreakerProfile Storage { get; set; } = new();

    /// <summary>Remote calls to [ReadOnly] grain methods (gateway to cluster, silo to silo).</summary>
    public RetryProfile ReadOnlyCalls { get; set; } = new();
}

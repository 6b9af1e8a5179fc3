namespace Dailyfeed.ServiceDefaults.Resilience;

/// <summary>
/// How one remote edge is protected: time limit, circuit breaker, retries (idempotent calls only), rate limit and
/// bulkhead. The three named profiles carry the original's numbers; every field binds from configuration.
/// </summary>
public sealed class ResilienceProfile
{
    /// <summary>Per-attempt time limit; a slow call counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt, for calls safe to repeat; never for answers (4xx-class outcomes).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// How many of <see cref="MaxRetries"/> may follow an attempt that timed out. A timeout usually means the answer was
    /// lost with a silo that died while serving the call; under overload, though, every retry adds load, so few or none.
    /// </summary>
    public int MaxRetriesAfterTimeout { get; set; }

    /// <summary>First retry delay; doubles per retry, with jitter so callers do not retry in lockstep.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Calls per second this process lets through to the dependency; 0 lets all through.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>How long a call may wait for a rate-limit permit before it is refused.</summary>
    public TimeSpan PermitWait { get; set; } = TimeSpan.Zero;

    /// <summary>Bulkhead: calls in flight at once, so a slow dependency cannot take every thread and slot.</summary>
    public int MaxConcurrentCalls { get; set; } = 256;

    /// <summary>Calls that may wait for a bulkhead slot; beyond that they are refused at once.</summary>
    public int MaxQueuedCalls { get; set; } = 512;
}

/// <summary>
/// One profile per remote edge (configuration section Dailyfeed:Resilience), seeded with the original's numbers:
/// "critical" (40% failures over 5 calls opens for 30 s) for grain storage, "default" (50% over 10, open 60 s) for the
/// broker, "conservative" (fewer retries, 50/s without waiting) for the image store. The original's per-service
/// request budgets (200/s critical, 100/s default) are the gateway's per-IP and per-member rate limits.
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>Silo to grain storage. No rate limit: every grain's state goes here; the bulkhead bounds it.</summary>
    public ResilienceProfile Storage { get; set; } = new()
    {
        FailureRatio = 0.4, MinimumThroughput = 5, BreakDuration = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Calls to [ReadOnly] grain methods (gateway to cluster, silo to silo) whose silo is gone: retried with backoff
    /// (0.2 + 0.4 + 0.8 + 1.6 + 3.2 s) for about as long as the cluster takes to declare a crashed silo dead and place
    /// the grain again (<c>Dailyfeed.Orleans.Hosting.FailureDetectionOptions</c>), so a read during a failover is slow, not lost.
    /// A read whose answer never came (in flight on a silo that died) is retried once after its response timeout.
    /// </summary>
    public ResilienceProfile ReadOnlyCalls { get; set; } = new() { MaxRetries = 5, MaxRetriesAfterTimeout = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(200) };

    /// <summary>
    /// Silo to the stream broker (outbox relay). While it is open, events simply wait in the outbox; a probe every
    /// 10 s is cheap, so relaying resumes soon after the broker returns.
    /// </summary>
    public ResilienceProfile Broker { get; set; } = new() { BreakDuration = TimeSpan.FromSeconds(10) };

    /// <summary>Gateway to the image volume.</summary>
    public ResilienceProfile Images { get; set; } = new()
    {
        Timeout = TimeSpan.FromSeconds(30), MaxRetries = 1, PermitsPerSecond = 50, MaxConcurrentCalls = 32, MaxQueuedCalls = 32,
    };
}

namespace Dailyfeed.Orleans.Pools.Broadcast;

/// <summary>Configuration section Dailyfeed:PoolBroadcast.</summary>
public sealed class PoolBroadcastOptions
{
    public const string Section = "Dailyfeed:PoolBroadcast";

    /// <summary>
    /// How long a broadcast waits for each silo. A silo that crashed is only declared dead after a few missed probes,
    /// and a sender must not hold its caller that long: past this, the silo is counted as failed.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
}

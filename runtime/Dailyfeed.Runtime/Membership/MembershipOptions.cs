namespace Dailyfeed.Runtime.Membership;

/// <summary>Lease-based liveness settings (configuration section Dailyfeed:Membership).</summary>
public sealed class MembershipOptions
{
    /// <summary>How often a silo renews its lease.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose last heartbeat is older than this is dead for the whole cluster.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often silos and clients re-read the table to learn joins and deaths.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows of silos dead for longer than this are deleted by any live silo.</summary>
    public TimeSpan DeadSiloRetention { get; set; } = TimeSpan.FromHours(1);
}

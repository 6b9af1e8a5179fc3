namespace Dailyfeed.Runtime.Membership;

public enum SiloStatus
{
    Active,
    /// <summary>Shutting down gracefully: still answers in-flight calls, takes no new placements.</summary>
    Leaving,
}

/// <summary>A row of the membership table. <see cref="Address"/> is "host:port" of the silo's HTTP/2 endpoint.</summary>
public sealed record SiloEntry(
    string SiloId,
    string Address,
    IReadOnlyList<string> Pools,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat);

/// <summary>
/// The cluster's membership table. Liveness is a lease: a silo whose last heartbeat is older than the lease
/// is dead for everyone. Implementations judge lease age by the store's own clock where they have one, so
/// silo clock skew cannot keep a dead silo alive.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Inserts or replaces the silo's row with a fresh heartbeat.</summary>
    Task JoinAsync(SiloEntry entry, CancellationToken cancellationToken);

    /// <summary>Renews the lease. Returns false when the row is gone (the silo was evicted and must rejoin).</summary>
    Task<bool> HeartbeatAsync(string siloId, CancellationToken cancellationToken);

    Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken);

    Task LeaveAsync(string siloId, CancellationToken cancellationToken);

    /// <summary>Rows whose heartbeat is younger than <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<SiloEntry>> ReadLiveAsync(TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Deletes rows whose heartbeat is older than <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(TimeSpan olderThan, CancellationToken cancellationToken);
}

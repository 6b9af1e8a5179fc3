namespace Dailyfeed.Runtime.Membership;

/// <summary>A public, read-only look at this node's membership view (health checks, dashboards, the Batch CLI).</summary>
public interface IClusterMembership
{
    /// <summary>Silos this node currently routes to, including leaving ones.</summary>
    IReadOnlyList<SiloEntry> Silos { get; }

    /// <summary>When the table was last read successfully; null before the first read.</summary>
    DateTimeOffset? LastSuccessfulRefresh { get; }

    /// <summary>True when at least one active silo serves the pool.</summary>
    bool HasActiveSilo(string pool);
}

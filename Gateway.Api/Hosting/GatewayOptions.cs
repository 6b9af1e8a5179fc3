namespace Dailyfeed.Gateway.Api.Hosting;

public enum GatewayMode
{
    /// <summary>One process: the gateway plus a silo serving both pools on a SQLite file. No server needed.</summary>
    Embedded,

    /// <summary>A cluster client: routes to silos found in the PostgreSQL membership table, hosts no grains.</summary>
    Cluster,
}

/// <summary>How the gateway reaches grains (configuration section Dailyfeed:Gateway).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Dailyfeed:Gateway";

    public GatewayMode Mode { get; set; } = GatewayMode.Embedded;

    /// <summary>
    /// Cluster mode: how long to wait before trying the cluster again when no silo answers at start (the gateway may
    /// start before any silo); it keeps trying until it connects or is stopped.
    /// </summary>
    public TimeSpan ClusterConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

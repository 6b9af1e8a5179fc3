namespace Dailyfeed.Orleans.Hosting;

/// <summary>
/// Which cluster a silo joins or a client connects to (configuration section Dailyfeed:Cluster). Silos and gateways of
/// one deployment share both ids; the membership table keeps clusters with different ids apart.
/// </summary>
public sealed class ClusterIdentityOptions
{
    public const string Section = "Dailyfeed:Cluster";

    public string ClusterId { get; set; } = "dailyfeed";

    /// <summary>Stays the same across deployments: reminders and grain state are keyed by it.</summary>
    public string ServiceId { get; set; } = "dailyfeed";
}

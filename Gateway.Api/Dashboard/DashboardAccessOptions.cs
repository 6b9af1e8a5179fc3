namespace Dailyfeed.Gateway.Api.Dashboard;

/// <summary>
/// The Orleans Dashboard on the gateway (configuration section Dailyfeed:Dashboard). The embedded default serves it
/// at <see cref="Path"/> on its loopback address; cluster mode serves it only when <see cref="Enabled"/> and only to
/// the administrator account below (HTTP Basic, so a browser can open it; put TLS in front as for the API).
/// </summary>
public sealed class DashboardAccessOptions
{
    public const string Section = "Dailyfeed:Dashboard";

    /// <summary>Cluster mode serves no dashboard unless this is set (silos then collect its statistics too).</summary>
    public bool Enabled { get; set; }

    public string Path { get; set; } = "/dashboard";

    /// <summary>The administrator's user name; with <see cref="AdministratorPassword"/>, required in cluster mode.</summary>
    public string? AdministratorUser { get; set; }

    /// <summary>From a secret store, never a committed file.</summary>
    public string? AdministratorPassword { get; set; }

    public bool HasAdministrator => !string.IsNullOrEmpty(AdministratorUser) && !string.IsNullOrEmpty(AdministratorPassword);
}

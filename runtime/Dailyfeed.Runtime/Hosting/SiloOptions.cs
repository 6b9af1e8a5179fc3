namespace Dailyfeed.Runtime.Hosting;

/// <summary>Identity and endpoint of one silo (configuration section Dailyfeed:Silo).</summary>
public sealed class SiloOptions
{
    /// <summary>Unique per process; a fresh one is generated when empty (the usual case: a restarted pod is a new silo).</summary>
    public string? SiloId { get; set; }

    /// <summary>The pools this silo serves: "read", "write", or both (the default when none is configured).</summary>
    public List<string> Pools { get; set; } = [];

    /// <summary>Interface the silo-to-silo HTTP/2 listener binds ("0.0.0.0" in a container).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port; 0 lets the OS pick (tests).</summary>
    public int Port { get; set; } = 11111;

    /// <summary>Host other silos dial (a pod IP in Kubernetes); defaults to <see cref="ListenAddress"/>.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>HTTP/2 streams per connection before the client opens another connection.</summary>
    public int MaxConcurrentCallsPerConnection { get; set; } = 1000;

    /// <summary>How long a graceful shutdown waits for in-flight calls and deactivations.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

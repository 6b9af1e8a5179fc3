namespace Dailyfeed.Orleans.Hosting;

/// <summary>Where a silo listens and what it tells the cluster (configuration section Dailyfeed:Silo).</summary>
public sealed class SiloEndpointOptions
{
    public const string Section = "Dailyfeed:Silo";

    /// <summary>Orleans' conventional silo-to-silo port.</summary>
    public const int DefaultPort = 11111;

    /// <summary>Orleans' conventional port for clients (the gateway in cluster mode).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The silo's name in membership, logs and metrics; Orleans generates one when empty.</summary>
    public string? Name { get; set; }

    /// <summary>The pools this silo serves ("read", "write"); both when none is configured.</summary>
    public List<string> Pools { get; set; } = [];

    /// <summary>Interface to bind: an address, or "0.0.0.0" for every interface (in a container).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Address other silos and clients dial (a pod IP in Kubernetes); defaults to <see cref="ListenAddress"/>.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Silo-to-silo port; 0 picks a free one (two embedded instances on one machine).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Port clients connect to; 0 picks a free one.</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>
    /// Whether the silo is an Orleans gateway for clients. Deployments turn it off on write-pool silos: an Orleans client
    /// spreads its calls over every gateway by a hash of the target grain, so with write silos as gateways half of the
    /// reads would enter a write silo and be forwarded to the read silo that answers them. With only read silos taking
    /// clients, a read is answered where it enters and a write takes the extra hop instead.
    /// </summary>
    public bool AcceptClients { get; set; } = true;

    /// <summary>Run under Orleans' Kubernetes hosting (pod labels, a deleted pod's silo declared dead at once).</summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>Under Kubernetes hosting, also delete the pods of silos the cluster declared dead (needs the pod delete permission).</summary>
    public bool DeleteDefunctSiloPods { get; set; }
}

namespace Dailyfeed.Gateway.Api.Forwarding;

/// <summary>
/// Which connections may tell the gateway the client's address in X-Forwarded-For (configuration section
/// Dailyfeed:ForwardedHeaders). Nothing is trusted by default, loopback included: a gateway reached directly keeps
/// the connection's address. Behind an ingress or a sidecar, list their networks here (the chart and compose do).
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "Dailyfeed:ForwardedHeaders";

    /// <summary>CIDR networks whose connections are proxies, e.g. "10.0.0.0/8" (the pod network) or "127.0.0.0/8" (a sidecar).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Single proxy addresses, e.g. "10.1.2.3".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>
    /// How many X-Forwarded-For entries are read from the right, each only while the hop that wrote it is trusted.
    /// One proxy (an ingress) needs 1; an ingress in front of an Istio sidecar needs 2.
    /// </summary>
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAnyProxy => KnownNetworks.Count > 0 || KnownProxies.Count > 0;
}

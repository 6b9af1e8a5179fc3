using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using global::Orleans.Configuration;
using global::Orleans;
using global::Orleans.Hosting;
using global::Orleans.Runtime;

namespace Dailyfeed.Orleans.Hosting;

public static class SiloEndpointExtensions
{
    /// <summary>Binds the silo and (unless it takes no clients) gateway ports and sets the cluster identity, from <see cref="SiloEndpointOptions"/>.</summary>
    public static ISiloBuilder UseDailyfeedEndpoints(this ISiloBuilder silo, SiloEndpointOptions endpoint, ClusterIdentityOptions identity)
    {
        var listenAny = endpoint.ListenAddress is "0.0.0.0" or "::";
        var advertised = ResolveOrThrow(endpoint.AdvertisedHost ?? (listenAny ? IPAddress.Loopback.ToString() : endpoint.ListenAddress));
        // Gateway port 0 is Orleans' "no gateway"; this project's 0 means "a free port", hence the separate switch.
        var gatewayPort = endpoint.AcceptClients ? FreeIfZero(endpoint.GatewayPort) : 0;
        silo.ConfigureEndpoints(advertised, FreeIfZero(endpoint.Port), gatewayPort, listenOnAnyHostAddress: listenAny);
        if (!string.IsNullOrWhiteSpace(endpoint.Name))
        {
            silo.Configure<SiloOptions>(options => options.SiloName = endpoint.Name);
        }

        silo.Services.AddOptions<FailureDetectionOptions>().BindConfiguration(FailureDetectionOptions.Section);
        silo.Services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<FailureDetectionOptions>>((membership, detection) =>
        {
            membership.ProbeTimeout = detection.Value.ProbeTimeout;
            membership.NumMissedProbesLimit = detection.Value.MissedProbesLimit;
        });
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RefusedSiloDetector>();
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = identity.ClusterId;
            options.ServiceId = identity.ServiceId;
        });
        return silo;
    }

    /// <summary>
    /// A cluster of this one silo on loopback (the embedded default): in-process membership, the ports of
    /// <paramref name="endpoint"/> (0 picks free ones, so two instances can run side by side).
    /// </summary>
    public static ISiloBuilder UseDailyfeedLocalhostClustering(this ISiloBuilder silo, SiloEndpointOptions endpoint, ClusterIdentityOptions identity) =>
        silo.UseLocalhostClustering(FreeIfZero(endpoint.Port), FreeIfZero(endpoint.GatewayPort), serviceId: identity.ServiceId, clusterId: identity.ClusterId);

    private static IPAddress ResolveOrThrow(string host) =>
        IPAddress.TryParse(host, out var address)
            ? address
            : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
              ?? throw new InvalidOperationException($"{SiloEndpointOptions.Section}: '{host}' has no IPv4 address.");

    // Orleans advertises the port it is given, so "any free port" is picked here rather than left to the OS at bind.
    private static int FreeIfZero(int port)
    {
        if (port != 0)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

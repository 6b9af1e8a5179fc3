using Dailyfeed.Runtime.Membership;
using Microsoft.Extensions.Hosting;

namespace Dailyfeed.Runtime.Hosting;

/// <summary>A process that calls grains but hosts none (the gateway): it only follows membership.</summary>
internal sealed class ClusterClientHost(ClusterMembershipService membership) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => membership.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => membership.StopAsync(deregister: false, cancellationToken);
}

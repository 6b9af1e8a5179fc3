using Microsoft.Extensions.Diagnostics.HealthChecks;
using global::Orleans;
using global::Orleans.Runtime;

namespace Dailyfeed.ServiceDefaults.Health;

/// <summary>
/// Ready means: on a silo, the silo is active (joined, not draining); everywhere, the cluster answers a membership
/// query with at least one active silo (the membership table in PostgreSQL is reachable through it).
/// </summary>
internal sealed class ClusterHealthCheck(IGrainFactory grains, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService(typeof(ISiloStatusOracle)) is ISiloStatusOracle oracle && oracle.CurrentStatus != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"the silo is {oracle.CurrentStatus}");
        }

        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken).ConfigureAwait(false);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silos")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the cluster does not answer", ex);
        }
    }
}

using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.Membership;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Health;

/// <summary>
/// Ready means: the membership table answered recently (the database is reachable), every pool this node needs has
/// a live silo, and, on a silo, the silo is running rather than draining.
/// </summary>
internal sealed class ClusterHealthCheck(
    IClusterMembership membership,
    IOptions<MembershipOptions> options,
    IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var silo = services.GetService(typeof(SiloHost)) as SiloHost;
        if (silo is { IsRunning: false })
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the silo is starting or draining"));
        }

        var last = membership.LastSuccessfulRefresh;
        if (last is null || DateTimeOffset.UtcNow - last > options.Value.LeaseDuration)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the membership table has not answered within the lease"));
        }

        // A gateway needs both pools to serve its routes; a silo needs its own pools to be routable.
        IEnumerable<string> needed = silo?.Pools ?? [GrainPools.Read, GrainPools.Write];
        var missing = needed.Where(p => !membership.HasActiveSilo(p)).ToList();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy($"{membership.Silos.Count} silos")
            : HealthCheckResult.Unhealthy($"no live silo serves: {string.Join(", ", missing)}"));
    }
}

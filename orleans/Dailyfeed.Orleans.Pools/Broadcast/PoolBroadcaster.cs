using System.Diagnostics.Metrics;
using Dailyfeed.Orleans.Pools.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Pools.Broadcast;

/// <summary>
/// Sends to the active silos of the membership snapshot whose metadata lists the pool. A silo whose pools this one has
/// not learnt yet gets the message too: delivering to a silo outside the pool costs one call, while skipping one inside
/// it would leave its copy stale.
/// </summary>
internal sealed partial class PoolBroadcaster(
    IClusterMembershipService membership,
    SiloPoolDirectory pools,
    PoolBroadcastServiceClient receivers,
    IOptions<PoolBroadcastOptions> options,
    IMeterFactory meters,
    ILogger<PoolBroadcaster> logger) : IPoolBroadcast
{
    private readonly Counter<long> _failures = meters.Create(PoolBroadcastMetrics.MeterName)
        .CreateCounter<long>(PoolBroadcastMetrics.Failures, description: "Broadcast deliveries to a pool's silo that failed or timed out");

    public async Task<PoolBroadcastResult> SendAsync<TMessage>(string pool, TMessage message) where TMessage : notnull
    {
        var targets = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && ServesOrUnknown(member.SiloAddress, pool))
            .Select(member => member.SiloAddress)
            .ToList();
        var delivered = await Task.WhenAll(targets.Select(silo => DeliverAsync(silo, message)));
        var failed = delivered.Count(ok => !ok);
        if (failed > 0)
        {
            _failures.Add(failed, new KeyValuePair<string, object?>("pool", pool));
        }

        return new PoolBroadcastResult(delivered.Length - failed, failed);
    }

    private bool ServesOrUnknown(SiloAddress silo, string pool) =>
        !pools.TryGetPools(silo, out var listed) || SiloPoolsMetadata.Lists(listed, pool);

    private async Task<bool> DeliverAsync(SiloAddress silo, object message)
    {
        try
        {
            await receivers.On(silo).DeliverAsync(message).WaitAsync(options.Value.Timeout);
            return true;
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(logger, ex, message.GetType().Name, silo);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver broadcast {MessageType} to silo {Silo}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string messageType, SiloAddress silo);
}

/// <summary>Names of the broadcast's instruments (meter <c>Dailyfeed.Orleans.Pools</c>).</summary>
public static class PoolBroadcastMetrics
{
    public const string MeterName = "Dailyfeed.Orleans.Pools";

    /// <summary>Deliveries that failed or timed out, tagged with the pool; exported as <c>dailyfeed_pool_broadcast_failures_total</c>.</summary>
    public const string Failures = "dailyfeed.pool_broadcast.failures";
}

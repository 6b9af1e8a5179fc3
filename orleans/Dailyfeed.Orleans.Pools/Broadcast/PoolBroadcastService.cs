using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Pools.Broadcast;

/// <summary>Receives broadcasts on this silo and passes each to the handlers of its type.</summary>
internal sealed class PoolBroadcastService(
    GrainId grainId,
    Silo silo,
    ILoggerFactory loggerFactory,
    PoolMessageHandlers handlers,
    IServiceProvider services) : GrainService(grainId, silo, loggerFactory), IPoolBroadcastService
{
    public Task DeliverAsync(object message) => handlers.DispatchAsync(services, message);
}

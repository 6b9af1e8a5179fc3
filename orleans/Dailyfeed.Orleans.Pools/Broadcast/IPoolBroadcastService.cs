using Orleans.Services;

namespace Dailyfeed.Orleans.Pools.Broadcast;

/// <summary>The per-silo receiver of broadcasts: an Orleans grain service, so one runs on every silo and can be addressed by silo.</summary>
[Alias("dailyfeed.pools.IPoolBroadcastService")]
internal interface IPoolBroadcastService : IGrainService
{
    /// <summary>Hands <paramref name="message"/> to the handlers registered for its runtime type.</summary>
    [Alias("Deliver")]
    Task DeliverAsync(object message);
}

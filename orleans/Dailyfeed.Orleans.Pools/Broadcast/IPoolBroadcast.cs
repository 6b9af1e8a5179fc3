namespace Dailyfeed.Orleans.Pools.Broadcast;

/// <summary>
/// Sends a message to every active silo that serves a pool (this one included), where the
/// <see cref="IPoolMessageHandler{TMessage}"/>s registered for its type handle it. Meant for what every silo of a pool
/// keeps for itself, such as read caches that a write on another silo makes stale.
/// </summary>
public interface IPoolBroadcast
{
    /// <summary>
    /// Delivers <paramref name="message"/> to the pool's silos in parallel and returns when each has handled it, failed,
    /// or not answered within <see cref="PoolBroadcastOptions.Timeout"/>. Never throws for a silo that could not be
    /// reached: the result counts them, so a caller can fall back on what bounds staleness without it.
    /// </summary>
    /// <remarks>The message type needs an Orleans serializer (<c>[GenerateSerializer]</c>).</remarks>
    Task<PoolBroadcastResult> SendAsync<TMessage>(string pool, TMessage message) where TMessage : notnull;
}

/// <summary>How many of the pool's silos handled a broadcast, and how many could not be reached in time.</summary>
public readonly record struct PoolBroadcastResult(int Delivered, int Failed);

namespace Dailyfeed.Orleans.Pools.Broadcast;

/// <summary>Handles, on each receiving silo, the broadcast messages of one type (register with <c>AddPoolMessageHandler</c>).</summary>
/// <remarks>Runs outside any grain's turn, possibly concurrently with itself: handlers must be thread-safe and quick.</remarks>
public interface IPoolMessageHandler<in TMessage>
{
    Task HandleAsync(TMessage message);
}

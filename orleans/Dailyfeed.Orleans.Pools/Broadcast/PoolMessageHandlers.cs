using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Orleans.Pools.Broadcast;

/// <summary>
/// Message type to the handlers registered for it, filled by <c>AddPoolMessageHandler</c> while services are
/// configured and read-only once the silo runs. A message no handler is registered for is dropped: a silo of a newer
/// version may broadcast what an older one does not know yet.
/// </summary>
internal sealed class PoolMessageHandlers
{
    private readonly Dictionary<Type, List<Func<IServiceProvider, object, Task>>> _byType = [];

    public void Add<TMessage>(Type handlerType)
    {
        if (!_byType.TryGetValue(typeof(TMessage), out var handlers))
        {
            _byType[typeof(TMessage)] = handlers = [];
        }

        handlers.Add((services, message) =>
            ((IPoolMessageHandler<TMessage>)services.GetRequiredService(handlerType)).HandleAsync((TMessage)message));
    }

    public async Task DispatchAsync(IServiceProvider services, object message)
    {
        if (!_byType.TryGetValue(message.GetType(), out var handlers))
        {
            return;
        }

        foreach (var handle in handlers)
        {
            await handle(services, message);
        }
    }
}

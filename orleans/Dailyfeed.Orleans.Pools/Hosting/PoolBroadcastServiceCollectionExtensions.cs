using Dailyfeed.Orleans.Pools.Broadcast;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dailyfeed.Orleans.Pools;

public static class PoolBroadcastServiceCollectionExtensions
{
    /// <summary>
    /// Handles broadcasts of <typeparamref name="TMessage"/> on this silo with <typeparamref name="THandler"/> (a
    /// singleton). The silo must call <c>AddGrainPools</c>, which runs the receiver.
    /// </summary>
    public static IServiceCollection AddPoolMessageHandler<TMessage, THandler>(this IServiceCollection services)
        where THandler : class, IPoolMessageHandler<TMessage>
    {
        services.TryAddSingleton<THandler>();
        Handlers(services).Add<TMessage>(typeof(THandler));
        return services;
    }

    /// <summary>The receiver on every silo, and <see cref="IPoolBroadcast"/> to send with (called by <c>AddGrainPools</c>).</summary>
    internal static IServiceCollection AddPoolBroadcast(this IServiceCollection services)
    {
        Handlers(services);
        services.AddOptions<PoolBroadcastOptions>().BindConfiguration(PoolBroadcastOptions.Section);
        services.AddGrainService<PoolBroadcastService>();
        services.AddSingleton<PoolBroadcastServiceClient>();
        services.AddSingleton<IPoolBroadcast, PoolBroadcaster>();
        return services;
    }

    /// <summary>The one registry of handlers, created by whichever call comes first.</summary>
    private static PoolMessageHandlers Handlers(IServiceCollection services)
    {
        if (services.FirstOrDefault(s => s.ServiceType == typeof(PoolMessageHandlers))?.ImplementationInstance is PoolMessageHandlers existing)
        {
            return existing;
        }

        var handlers = new PoolMessageHandlers();
        services.AddSingleton(handlers);
        return handlers;
    }
}

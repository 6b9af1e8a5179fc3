using Dailyfeed.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.Hosting;

public static class InMemoryStreamsExtensions
{
    /// <summary>
    /// Streams over an in-process bus (the embedded default and tests). Pass the same bus to every silo of one
    /// process; the outbox and dead letters still live in the configured store.
    /// </summary>
    public static IServiceCollection AddInMemoryStreams(this IServiceCollection services, InMemoryStreamBus bus)
    {
        services.AddSingleton<IStreamTransport>(_ => new InMemoryStreamTransport(bus));
        return services;
    }
}

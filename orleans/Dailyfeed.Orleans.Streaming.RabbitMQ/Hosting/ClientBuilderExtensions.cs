using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Hosting;

/// <summary>Adds a RabbitMQ stream provider to a cluster client: it publishes only; the silos declare and read the queues.</summary>
public static class ClientBuilderExtensions
{
    /// <summary>Adds the producing side of RabbitMQ stream provider <paramref name="name"/> with options set in code.</summary>
    public static IClientBuilder AddRabbitMqStreams(
        this IClientBuilder builder,
        string name,
        Action<RabbitMqStreamOptions> configure,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null) =>
        builder.AddRabbitMqStreams(name, options => options.Configure(configure), configureStream);

    /// <summary>
    /// Adds the producing side of RabbitMQ stream provider <paramref name="name"/>, options from an options builder.
    /// Use the silos' queue prefix and count, or events land in queues no silo reads (publishing to a queue that
    /// does not exist fails).
    /// </summary>
    public static IClientBuilder AddRabbitMqStreams(
        this IClientBuilder builder,
        string name,
        Action<OptionsBuilder<RabbitMqStreamOptions>> configure,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddPersistentStreams(
            name,
            (services, providerName) => RabbitMqQueueAdapterFactory.Create(services, providerName, RabbitMqStreamRole.ProduceOnly),
            configurator =>
            {
                configurator.Configure(configure);
                configureStream?.Invoke(configurator);
                configurator.ConfigureDelegate(services =>
                {
                    RabbitMqStreamServices.AddShared(services, name);
                    // The factory takes a journal in both roles; a client never records failures in it.
                    services.TryAddSingleton<DeliveryFailureJournal>();
                });
            });
    }
}

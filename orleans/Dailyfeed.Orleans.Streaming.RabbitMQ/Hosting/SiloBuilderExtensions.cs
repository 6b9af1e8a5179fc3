using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Hosting;

/// <summary>Adds a persistent stream provider on RabbitMQ to a silo: it publishes, consumes and dead-letters.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds the RabbitMQ stream provider <paramref name="name"/> with options set in code.</summary>
    public static ISiloBuilder AddRabbitMqStreams(
        this ISiloBuilder builder,
        string name,
        Action<RabbitMqStreamOptions> configure,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null) =>
        builder.AddRabbitMqStreams(name, options => options.Configure(configure), configureStream);

    /// <summary>
    /// Adds the RabbitMQ stream provider <paramref name="name"/>, options from an options builder, e.g.
    /// <c>o => o.BindConfiguration("Orleans:Streams:RabbitMQ")</c>. <paramref name="configureStream"/> tunes the
    /// Orleans side (pub-sub type, balancer, cache size); the delivery bound comes from the options and overrides
    /// the pulling agent's <c>MaxEventDeliveryTime</c> and delivery backoff.
    /// </summary>
    public static ISiloBuilder AddRabbitMqStreams(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<RabbitMqStreamOptions>> configure,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddPersistentStreams(
            name,
            (services, providerName) => RabbitMqQueueAdapterFactory.Create(services, providerName, RabbitMqStreamRole.ProduceAndConsume),
            configurator =>
            {
                configurator.Configure(configure);
                configureStream?.Invoke(configurator);
                configurator.Configure<StreamPullingAgentOptions>(agent => agent.Configure<IOptionsMonitor<RabbitMqStreamOptions>>(
                    (pulling, all) => pulling.MaxEventDeliveryTime = all.Get(name).GetDeliveryRetryWindow()));
                configurator.ConfigureBackoffProvider((services, providerName) =>
                    new FixedDeliveryBackoff(RabbitMqStreamServices.GetOptions(services, providerName).DeliveryRetryDelay));
                configurator.ConfigureDelegate(services =>
                {
                    RabbitMqStreamServices.AddShared(services, name);
                    services.TryAddSingleton<DeliveryFailureJournal>();
                    services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutgoingGrainCallFilter, DeliveryFailureFilter>());
                });
            });
    }
}

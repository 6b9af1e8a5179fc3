using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using RabbitMQ.Client;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// Builds the RabbitMQ adapter, receivers and failure handlers of one provider. Queues map to streams on Orleans'
/// hash ring; Orleans' simple cache holds what was read (it leaves failed events out of what it reports delivered,
/// and the failure handler settles those).
/// </summary>
public sealed class RabbitMqQueueAdapterFactory(
    string name,
    RabbitMqStreamRole role,
    RabbitMqStreamOptions options,
    SimpleQueueCacheOptions cacheOptions,
    RabbitMqConnection connection,
    Serializer<RabbitMqBatchContainer> serializer,
    IListenerDeadLetterSink? deadLetterSink,
    DeliveryFailureJournal failureJournal,
    ILoggerFactory loggerFactory) : IQueueAdapterFactory
{
    private readonly RabbitMqReceivers receivers = new();
    private readonly HashRingBasedStreamQueueMapper queueMapper = new(
        new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, options.QueueNamePrefix);

    public static RabbitMqQueueAdapterFactory Create(IServiceProvider services, string name, RabbitMqStreamRole role)
    {
        var sink = role == RabbitMqStreamRole.ProduceAndConsume ? FindDeadLetterSinkOrThrow(services, name) : null;
        return new RabbitMqQueueAdapterFactory(
            name,
            role,
            services.GetRequiredService<IOptionsMonitor<RabbitMqStreamOptions>>().Get(name),
            services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name),
            services.GetRequiredKeyedService<RabbitMqConnection>(name),
            services.GetRequiredService<Serializer<RabbitMqBatchContainer>>(),
            sink,
            services.GetRequiredService<DeliveryFailureJournal>(),
            services.GetRequiredService<ILoggerFactory>());
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        if (role == RabbitMqStreamRole.ProduceAndConsume)
        {
            // A silo fails to start, naming the broker, rather than run without its queues.
            await DeclareQueuesOrThrowAsync(cancellationToken);
        }

        return new RabbitMqQueueAdapter(name, role, queueMapper, connection, options, serializer, CreateReceiver);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);

    public IStreamQueueMapper GetStreamQueueMapper() => queueMapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(
            new RabbitMqStreamFailureHandler(queueId, receivers, loggerFactory.CreateLogger<RabbitMqStreamFailureHandler>()));

    private RabbitMqQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var receiver = new RabbitMqQueueAdapterReceiver(
            queueId,
            connection,
            options,
            serializer,
            deadLetterSink ?? throw new InvalidOperationException($"Stream provider '{name}' only produces: it has no receivers."),
            failureJournal,
            loggerFactory.CreateLogger<RabbitMqQueueAdapterReceiver>());
        receivers.Register(queueId, receiver);
        return receiver;
    }

    private async Task DeclareQueuesOrThrowAsync(CancellationToken cancellationToken)
    {
        var open = await connection.GetOrConnectOrThrowAsync(cancellationToken);
        await using var channel = await open.CreateChannelAsync(cancellationToken: cancellationToken);
        await RabbitMqTopology.DeclareQueuesAsync(
            channel, queueMapper.GetAllQueues().Select(RabbitMqQueueNames.For), options, cancellationToken);
        await channel.CloseAsync(cancellationToken);
    }

    private static IListenerDeadLetterSink FindDeadLetterSinkOrThrow(IServiceProvider services, string name) =>
        services.GetKeyedService<IListenerDeadLetterSink>(name)
        ?? services.GetService<IListenerDeadLetterSink>()
        ?? throw new OrleansConfigurationException(
            $"RabbitMQ stream provider '{name}' needs an {nameof(IListenerDeadLetterSink)} on the silo (keyed '{name}' or unkeyed) " +
            "to keep events its consumers keep failing.");
}

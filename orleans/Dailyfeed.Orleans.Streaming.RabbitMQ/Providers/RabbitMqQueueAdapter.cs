using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using RabbitMQ.Client;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// Publishes each batch as one persistent message to its stream's queue through the default exchange, mandatory,
/// and completes only when the broker confirms it: unroutable, refused or unconfirmed batches fail the producer.
/// </summary>
public sealed class RabbitMqQueueAdapter(
    string name,
    RabbitMqStreamRole role,
    IStreamQueueMapper queueMapper,
    RabbitMqConnection connection,
    RabbitMqStreamOptions options,
    Serializer<RabbitMqBatchContainer> serializer,
    Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    private const string ContentType = "application/x-orleans-binary";

    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction =>
        role == RabbitMqStreamRole.ProduceOnly ? StreamProviderDirection.WriteOnly : StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("RabbitMQ streams are not rewindable: publish without a sequence token.", nameof(token));
        }

        var queueName = RabbitMqQueueNames.For(queueMapper.GetQueueForStream(streamId));
        var messageKey = Guid.NewGuid().ToString("N");
        var body = serializer.SerializeToArray(new RabbitMqBatchContainer(streamId, events.Cast<object>().ToList(), requestContext, messageKey));
        var properties = new BasicProperties
        {
            MessageId = messageKey,
            ContentType = ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };
        using var timeoutSource = new CancellationTokenSource(options.PublishTimeout);
        try
        {
            var channel = await connection.GetPublisherChannelOrThrowAsync(timeoutSource.Token);
            // With confirmation tracking on, this returns once the broker confirmed the message, and throws when
            // it was returned (no such queue) or nacked.
            await channel.BasicPublishAsync(
                exchange: string.Empty, routingKey: queueName, mandatory: true, properties, body, timeoutSource.Token);
        }
        catch (Exception exception)
        {
            throw new RabbitMqPublishException(
                $"Stream provider '{name}' could not store an event of {streamId} in queue '{queueName}' at {connection.Describe()}: {exception.Message}",
                exception);
        }
    }
}

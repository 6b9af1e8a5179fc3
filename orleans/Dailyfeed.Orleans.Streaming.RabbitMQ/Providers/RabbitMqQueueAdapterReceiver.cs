using System.Collections.Concurrent;
using System.Threading.Channels;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// Reads one queue with manual acknowledgements and a prefetch window. A message is acknowledged when the cache
/// reports it delivered, or after its dead letter is recorded; when the dead letter cannot be recorded it is
/// returned to the queue. Messages not settled when the channel closes go back to the queue by the broker.
/// </summary>
public sealed partial class RabbitMqQueueAdapterReceiver(
    QueueId queueId,
    RabbitMqConnection connection,
    RabbitMqStreamOptions options,
    Serializer<RabbitMqBatchContainer> serializer,
    IListenerDeadLetterSink deadLetterSink,
    DeliveryFailureJournal failureJournal,
    ILogger<RabbitMqQueueAdapterReceiver> logger) : IQueueAdapterReceiver
{
    private readonly Channel<ReceivedMessage> inbox = Channel.CreateUnbounded<ReceivedMessage>();
    private readonly ConcurrentDictionary<long, PendingDelivery> pending = new();
    private ConsumerChannel? channel;
    private long nextSequenceNumber;

    public string QueueName { get; } = RabbitMqQueueNames.For(queueId);

    public async Task Initialize(TimeSpan timeout)
    {
        using var timeoutSource = new CancellationTokenSource(timeout);
        await StartConsumingAsync(timeoutSource.Token);
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (!await IsConsumingAsync())
        {
            return [];
        }

        var batches = new List<IBatchContainer>();
        while ((maxCount < 0 || batches.Count < maxCount) && inbox.Reader.TryRead(out var message))
        {
            var batch = await ReadOrDeadLetterAsync(message);
            if (batch is not null)
            {
                batches.Add(batch);
            }
        }

        return batches;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message is RabbitMqBatchContainer { Token: { } token } && pending.TryRemove(token.SequenceNumber, out var delivered))
            {
                failureJournal.Forget(delivered.MessageKey);
                await AckAsync(delivered);
            }
        }
    }

    /// <summary>Takes the message behind a failed event's token; null when it is unknown or already settled.</summary>
    public PendingDelivery? TryTakePending(StreamSequenceToken token) =>
        token is EventSequenceToken or EventSequenceTokenV2 && pending.TryRemove(token.SequenceNumber, out var found) ? found : null;

    /// <summary>Records the dead letter, then acknowledges; if recording fails, returns the message to its queue.</summary>
    public async Task DeadLetterAsync(PendingDelivery delivery, Guid subscriptionId, string errorWhenUnknown)
    {
        var failures = failureJournal.Find(delivery.MessageKey);
        var deadLetter = new ListenerDeadLetter(
            delivery.MessageKey,
            delivery.StreamId?.ToString() ?? string.Empty,
            QueueName,
            delivery.EventType,
            delivery.Body,
            failures?.LastError ?? errorWhenUnknown,
            failures?.Attempts ?? 0,
            subscriptionId,
            DateTimeOffset.UtcNow);
        try
        {
            await deadLetterSink.RecordAsync(deadLetter);
        }
        catch (Exception exception)
        {
            LogDeadLetterNotRecorded(exception, delivery.MessageKey, QueueName);
            await RequeueAsync(delivery);
            return;
        }

        LogDeadLettered(delivery.MessageKey, QueueName, deadLetter.Attempts, deadLetter.Error);
        failureJournal.Forget(delivery.MessageKey);
        await AckAsync(delivery);
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        if (channel is null)
        {
            return;
        }

        // Closing returns every unacknowledged message to the queue for the next owner of this queue.
        using var timeoutSource = new CancellationTokenSource(timeout);
        try
        {
            await channel.Channel.CloseAsync(timeoutSource.Token);
        }
        finally
        {
            await channel.Channel.DisposeAsync();
            channel = null;
            pending.Clear();
        }
    }

    private async Task StartConsumingAsync(CancellationToken cancellationToken)
    {
        var open = await connection.GetOrConnectOrThrowAsync(cancellationToken);
        var started = new ConsumerChannel(await open.CreateChannelAsync(cancellationToken: cancellationToken));
        await started.Channel.BasicQosAsync(prefetchSize: 0, options.PrefetchCount, global: false, cancellationToken);
        var consumer = new QueueConsumer(started.Channel);
        consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(started, delivery);
        await started.Channel.BasicConsumeAsync(QueueName, autoAck: false, consumer, cancellationToken);
        started.Consumer = consumer;
        channel = started;
    }

    /// <summary>
    /// Starts consuming when it has not yet (the pulling agent carries on after a failed <see cref="Initialize"/>),
    /// when the broker closed the channel for good, or when it cancelled the consumer (the queue was deleted: once an
    /// operator restores it, this silo reads it again without a restart). While the connection is being recovered
    /// the channel is left to the client. A failed start is logged and tried again on the next read.
    /// </summary>
    private async Task<bool> IsConsumingAsync()
    {
        var current = channel;
        if (current is not null && !current.ClosedForGood && !current.CancelledByBroker)
        {
            return current.Channel.IsOpen;
        }

        try
        {
            if (current is not null)
            {
                channel = null;
                await current.Channel.DisposeAsync();
            }

            using var timeoutSource = new CancellationTokenSource(options.ConnectionTimeout);
            await StartConsumingAsync(timeoutSource.Token);
            return true;
        }
        catch (Exception exception)
        {
            LogConsumeNotStarted(exception, QueueName);
            return false;
        }
    }

    private Task OnReceivedAsync(ConsumerChannel deliveredOn, BasicDeliverEventArgs delivery)
    {
        // The body's memory belongs to the client only for the duration of this handler.
        inbox.Writer.TryWrite(new ReceivedMessage(
            deliveredOn, delivery.DeliveryTag, deliveredOn.Epoch, delivery.BasicProperties.MessageId, delivery.Body.ToArray()));
        return Task.CompletedTask;
    }

    private async Task<RabbitMqBatchContainer?> ReadOrDeadLetterAsync(ReceivedMessage message)
    {
        var sequenceNumber = nextSequenceNumber++;
        RabbitMqBatchContainer batch;
        try
        {
            batch = serializer.Deserialize(message.Body) ?? throw new InvalidDataException("The message body holds no batch.");
        }
        catch (Exception exception)
        {
            // No consumer can ever take a message this silo cannot read: dead-letter it at once.
            var unreadable = new PendingDelivery(
                sequenceNumber, message.DeliveredOn, message.DeliveryTag, message.ChannelEpoch, message.MessageId ?? $"{QueueName}/{message.DeliveryTag}",
                StreamId: null, EventType: string.Empty, message.Body);
            await DeadLetterAsync(unreadable, Guid.Empty, $"Unreadable message: {exception.GetType().FullName}: {exception.Message}");
            return null;
        }

        batch.Token = new EventSequenceTokenV2(sequenceNumber);
        var eventType = batch.Events.Count > 0 ? batch.Events[0].GetType().FullName ?? string.Empty : string.Empty;
        pending[sequenceNumber] = new PendingDelivery(
            sequenceNumber, message.DeliveredOn, message.DeliveryTag, message.ChannelEpoch, batch.MessageKey, batch.StreamId, eventType, message.Body);
        return batch;
    }

    private Task AckAsync(PendingDelivery delivery) =>
        SettleAsync(delivery, (open, tag) => open.BasicAckAsync(tag, multiple: false));

    private Task RequeueAsync(PendingDelivery delivery) =>
        SettleAsync(delivery, (open, tag) => open.BasicNackAsync(tag, multiple: false, requeue: true));

    private async Task SettleAsync(PendingDelivery delivery, Func<IChannel, ulong, ValueTask> settle)
    {
        if (!delivery.DeliveredOn.CanSettle(delivery.ChannelEpoch))
        {
            // The channel that delivered it is gone, and the broker returned the message to the queue with it:
            // it will be delivered again (at least once), and this stale tag would name another message.
            LogStaleDelivery(delivery.MessageKey, QueueName);
            return;
        }

        try
        {
            await settle(delivery.DeliveredOn.Channel, delivery.DeliveryTag);
        }
        catch (Exception exception)
        {
            // Unsettled means redelivered once the channel closes: a duplicate, never a loss.
            LogSettleFailed(exception, delivery.MessageKey, QueueName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start consuming queue {QueueName}; trying again on the next read")]
    private partial void LogConsumeNotStarted(Exception exception, string queueName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered message {MessageKey} of queue {QueueName} after {Attempts} failed attempt(s): {Error}")]
    private partial void LogDeadLettered(string messageKey, string queueName, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the dead letter of message {MessageKey} of queue {QueueName}; returning it to the queue")]
    private partial void LogDeadLetterNotRecorded(Exception exception, string messageKey, string queueName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageKey} of queue {QueueName} came on a channel since closed; the broker delivers it again")]
    private partial void LogStaleDelivery(string messageKey, string queueName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageKey} of queue {QueueName}; the broker delivers it again")]
    private partial void LogSettleFailed(Exception exception, string messageKey, string queueName);
}

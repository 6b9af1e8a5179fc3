using System.Text;
using Dailyfeed.Runtime.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dailyfeed.Runtime.RabbitMQ;

/// <summary>
/// Streams on RabbitMQ: durable quorum queues per stream and UTC day, persistent messages, publisher confirms (a
/// publish completes only once the broker has the message), manual acknowledgements, and competing consumers across
/// silos, so when a consuming silo dies the broker hands its unacknowledged deliveries to the others.
/// </summary>
public sealed class RabbitMqStreamTransport : IStreamTransport
{
    private const string TraceparentHeader = "traceparent";
    private readonly RabbitMqConnection _connection;
    private readonly RabbitMqStreamOptions _options;
    private readonly StreamOptions _streamOptions;
    private readonly TimeProvider _clock;
    private readonly ILogger<RabbitMqStreamTransport> _logger;
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly HashSet<string> _declared = [];
    private readonly List<Subscription> _subscriptions = [];
    private IChannel? _publishChannel;

    public RabbitMqStreamTransport(
        IOptions<RabbitMqStreamOptions> options,
        IOptions<StreamOptions> streamOptions,
        TimeProvider clock,
        ILogger<RabbitMqStreamTransport> logger)
    {
        _connection = new RabbitMqConnection(options);
        _options = options.Value;
        _streamOptions = streamOptions.Value;
        _clock = clock;
        _logger = logger;
    }

    public async Task PublishAsync(StreamEvent streamEvent, CancellationToken cancellationToken)
    {
        await _publishing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await PublishChannelAsync(cancellationToken).ConfigureAwait(false);
            var day = DayPartitions.Day(streamEvent.CreatedAt);
            await DeclarePartitionAsync(channel, streamEvent.Stream, day, cancellationToken).ConfigureAwait(false);
            var properties = new BasicProperties
            {
                Persistent = true,
                MessageId = streamEvent.MessageKey,
                ContentType = "application/json",
                Type = streamEvent.Type,
                Headers = new Dictionary<string, object?> { [TraceparentHeader] = streamEvent.Traceparent },
            };

            // With confirmation tracking on, this returns only after the broker's ack and throws on nack or return.
            await channel.BasicPublishAsync(
                _options.Exchange, DayPartitions.RoutingKey(streamEvent.Stream, day), mandatory: true, properties,
                StreamEventSerializer.SerializeToUtf8Bytes(streamEvent), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ResetPublishChannelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _publishing.Release();
        }
    }

    public async Task StartConsumingAsync(string stream, Func<StreamEvent, CancellationToken, Task<DeliveryOutcome>> handler, CancellationToken cancellationToken)
    {
        var subscription = new Subscription(this, stream, handler);
        _subscriptions.Add(subscription);
        await subscription.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopConsumingAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.StopAsync().ConfigureAwait(false);
        }

        _subscriptions.Clear();
    }

    public async Task KillAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Abandon();
        }

        _subscriptions.Clear();
        await _connection.AbortAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopConsumingAsync().ConfigureAwait(false);
        await ResetPublishChannelAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IChannel> PublishChannelAsync(CancellationToken cancellationToken)
    {
        if (_publishChannel is { IsOpen: true } open)
        {
            return open;
        }

        var connection = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        _publishChannel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken).ConfigureAwait(false);
        _declared.Clear();
        return _publishChannel;
    }

    private async Task ResetPublishChannelAsync()
    {
        var channel = _publishChannel;
        _publishChannel = null;
        if (channel is not null)
        {
            try
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogDebug(ex, "Closing a broken publish channel failed");
            }
        }
    }

    /// <summary>Declares the exchange, the day's quorum queue and its binding (idempotent on the broker; cached here).</summary>
    private async Task DeclarePartitionAsync(IChannel channel, string stream, string day, CancellationToken cancellationToken)
    {
        var queue = DayPartitions.Queue(_options.QueuePrefix, stream, day);
        if (_declared.Contains(queue))
        {
            return;
        }

        await channel.ExchangeDeclareAsync(_options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-message-ttl"] = (long)_streamOptions.Retention.TotalMilliseconds,
            ["x-expires"] = (long)(_streamOptions.Retention + _options.IdlePartitionExpiry).TotalMilliseconds,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(queue, _options.Exchange, DayPartitions.RoutingKey(stream, day), cancellationToken: cancellationToken).ConfigureAwait(false);
        _declared.Add(queue);
    }

    /// <summary>This silo's consumers of one stream: one per live day partition, added as days roll over.</summary>
    private sealed class Subscription(RabbitMqStreamTransport transport, string stream, Func<StreamEvent, CancellationToken, Task<DeliveryOutcome>> handler)
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly HashSet<string> _consumed = [];
        private IChannel? _channel;
        private Task? _refresh;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await ConsumeLivePartitionsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                transport._logger.LogWarning(ex, "The broker is unreachable; consuming {Stream} will start when it is back", stream);
            }

            _refresh = RefreshLoopAsync(_stop.Token);
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            if (_refresh is not null)
            {
                await _refresh.ConfigureAwait(false);
            }

            if (_channel is not null)
            {
                await _channel.CloseAsync().ConfigureAwait(false);
            }
        }

        public void Abandon() => _stop.Cancel();

        private async Task RefreshLoopAsync(CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(transport._options.PartitionRefreshInterval < transport._options.ReconnectInterval
                ? transport._options.PartitionRefreshInterval
                : transport._options.ReconnectInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        await ConsumeLivePartitionsAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        transport._logger.LogDebug(ex, "Could not refresh the partitions of {Stream}", stream);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task ConsumeLivePartitionsAsync(CancellationToken cancellationToken)
        {
            if (_channel is not { IsOpen: true })
            {
                var connection = await transport._connection.GetAsync(cancellationToken).ConfigureAwait(false);
                _channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await _channel.BasicQosAsync(0, transport._options.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
                _consumed.Clear();
            }

            foreach (var day in DayPartitions.Live(transport._clock.GetUtcNow(), transport._streamOptions.Retention))
            {
                var queue = DayPartitions.Queue(transport._options.QueuePrefix, stream, day);
                if (_consumed.Contains(queue))
                {
                    continue;
                }

                await transport.DeclarePartitionAsync(_channel, stream, day, cancellationToken).ConfigureAwait(false);
                var consumer = new AsyncEventingBasicConsumer(_channel);
                consumer.ReceivedAsync += OnReceivedAsync;
                await _channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
                _consumed.Add(queue);
            }
        }

        private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
        {
            var channel = ((AsyncEventingBasicConsumer)sender).Channel;
            StreamEvent streamEvent;
            try
            {
                streamEvent = StreamEventSerializer.DeserializeOrThrow(delivery.Body.Span);
            }
            catch (Exception ex)
            {
                transport._logger.LogError(ex, "Dropping an unreadable message from {Queue}: {Body}", delivery.RoutingKey, Encoding.UTF8.GetString(delivery.Body.Span));
                await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false).ConfigureAwait(false);
                return;
            }

            var outcome = DeliveryOutcome.Redeliver;
            try
            {
                outcome = await handler(streamEvent, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                transport._logger.LogError(ex, "Handling {MessageKey} failed; the broker will redeliver it", streamEvent.MessageKey);
            }

            if (_stop.IsCancellationRequested && outcome == DeliveryOutcome.Redeliver)
            {
                return; // Stopping: leave it unacknowledged; the broker redelivers when this channel closes.
            }

            if (outcome == DeliveryOutcome.Ack)
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
            }
            else
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true).ConfigureAwait(false);
            }
        }
    }
}

using Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;
using Dailyfeed.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;
using global::Orleans.Serialization;

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// The RabbitMQ stream provider's dead-letter sink on a Dailyfeed silo: each event of a batch no consumer could take
/// becomes a listener_dead_letters row (the original <see cref="StreamEvent"/>, so replay republishes it as it was
/// written), with the delivery attempts and the consumer's last error in the row's error text. A store that throws
/// makes the provider requeue the message, so nothing is acknowledged that is not parked.
/// </summary>
internal sealed class DeadLetterStoreListenerSink(
    IDeadLetterStore store,
    Serializer<RabbitMqBatchContainer> serializer,
    ILogger<DeadLetterStoreListenerSink> logger) : IListenerDeadLetterSink
{
    public async Task RecordAsync(ListenerDeadLetter deadLetter)
    {
        var error = $"{deadLetter.Attempts} delivery attempt(s) failed on {deadLetter.QueueName}; last error: {deadLetter.Error}";
        foreach (var streamEvent in DecodeEvents(deadLetter))
        {
            await store.AddAsync(DeadLetterKind.Listener, streamEvent, error, deadLetter.Attempts, CancellationToken.None).ConfigureAwait(false);
            PlatformMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("kind", "listener"));
            logger.LogError("Event {MessageKey} moved to listener dead letters after {Attempts} delivery attempts: {Error}",
                streamEvent.MessageKey, deadLetter.Attempts, deadLetter.Error);
        }
    }

    /// <summary>
    /// The batch's events as published. A body this silo cannot read is kept as an event carrying the raw bytes
    /// (base64) under the broker's message key, so it is visible and not lost; replaying it fails again by design.
    /// </summary>
    private IReadOnlyList<StreamEvent> DecodeEvents(ListenerDeadLetter deadLetter)
    {
        try
        {
            var events = serializer.Deserialize(deadLetter.Payload)?.Events.OfType<StreamEvent>().ToList() ?? [];
            if (events.Count > 0)
            {
                return events;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Listener dead letter {MessageKey} has a body this silo cannot read; kept raw", deadLetter.MessageKey);
        }

        var separator = deadLetter.StreamId.IndexOf('/', StringComparison.Ordinal);
        return
        [
            new StreamEvent(
                Guid.NewGuid(),
                separator < 0 ? deadLetter.StreamId : deadLetter.StreamId[..separator],
                separator < 0 ? string.Empty : deadLetter.StreamId[(separator + 1)..],
                deadLetter.MessageKey,
                deadLetter.EventType,
                UnreadableCategory,
                Convert.ToBase64String(deadLetter.Payload),
                null,
                deadLetter.FailedAt),
        ];
    }

    /// <summary>The category of a dead letter whose body could not be decoded into stream events.</summary>
    public const string UnreadableCategory = "UNREADABLE";
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Streams;

/// <summary>
/// This silo's share of stream consumption (competing consumers). Each delivery goes to its subscriber grain with
/// bounded retries; then to listener_dead_letters; and only if that write fails too is it left unacknowledged, so
/// the broker delivers it again. Nothing is acknowledged that is neither handled nor durably parked.
/// </summary>
internal sealed class StreamConsumer(
    IStreamTransport transport,
    StreamSubscriptions subscriptions,
    IDeadLetterStore deadLetters,
    IOptions<StreamOptions> options,
    ILogger<StreamConsumer> logger)
{
    private readonly StreamOptions _options = options.Value;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in subscriptions.Streams)
        {
            await transport.StartConsumingAsync(stream, HandleAsync, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync() => transport.StopConsumingAsync();

    public Task KillAsync() => transport.KillAsync();

    internal async Task<DeliveryOutcome> HandleAsync(StreamEvent streamEvent, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.TraceContext.StartActivity($"{streamEvent.Stream} deliver", System.Diagnostics.ActivityKind.Consumer, streamEvent.Traceparent);
        Exception? failure = null;
        for (var attempt = 1; attempt <= _options.MaxDeliveryAttempts; attempt++)
        {
            try
            {
                await subscriptions.DeliverAsync(streamEvent).ConfigureAwait(false);
                return DeliveryOutcome.Ack;
            }
            catch (Exception ex)
            {
                failure = ex;
                logger.LogWarning(ex, "Delivery {Attempt}/{Max} of {MessageKey} failed", attempt, _options.MaxDeliveryAttempts, streamEvent.MessageKey);
                if (attempt < _options.MaxDeliveryAttempts)
                {
                    await Task.Delay(_options.DeliveryRetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        try
        {
            await deadLetters.AddAsync(DeadLetterKind.Listener, streamEvent, failure!.ToString(), cancellationToken).ConfigureAwait(false);
            logger.LogError("Event {MessageKey} moved to listener dead letters after {Max} attempts", streamEvent.MessageKey, _options.MaxDeliveryAttempts);
            return DeliveryOutcome.Ack;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Listener dead-letter store failed for {MessageKey}; leaving it to the broker", streamEvent.MessageKey);
            await Task.Delay(_options.RedeliveryDelay, cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Redeliver;
        }
    }
}

using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// Called by Orleans' pulling agent once an event's delivery attempts are used up (it then skips the event):
/// hands the event's message to the dead-letter sink and acknowledges it, or returns it to the queue when the
/// sink fails. Subscriptions are never faulted: implicit ones cannot be, and the next event must still flow.
/// </summary>
public sealed partial class RabbitMqStreamFailureHandler(
    QueueId queueId,
    RabbitMqReceivers receivers,
    ILogger<RabbitMqStreamFailureHandler> logger) : IStreamFailureHandler
{
    private const string ErrorWhenNotCaptured = "The consumer failed every delivery attempt; no exception was seen on the pulling silo.";

    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        var receiver = receivers.Find(queueId);
        var delivery = sequenceToken is null ? null : receiver?.TryTakePending(sequenceToken);
        if (receiver is null || delivery is null)
        {
            // Already settled for another subscriber of the same stream, or the receiver was closed and the
            // broker has the message back.
            LogNothingToSettle(streamProviderName, streamIdentity, sequenceToken);
            return;
        }

        await receiver.DeadLetterAsync(delivery, subscriptionId.Guid, ErrorWhenNotCaptured);
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        // No message is held for a subscription failure: there is nothing to acknowledge or dead-letter.
        LogSubscriptionFailure(streamProviderName, streamIdentity, subscriptionId.Guid);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {ProviderName}: failed event {Token} of {StreamId} has no pending message left to settle")]
    private partial void LogNothingToSettle(string providerName, StreamId streamId, StreamSequenceToken? token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {ProviderName}: subscription {SubscriptionId} to {StreamId} failed")]
    private partial void LogSubscriptionFailure(string providerName, StreamId streamId, Guid subscriptionId);
}

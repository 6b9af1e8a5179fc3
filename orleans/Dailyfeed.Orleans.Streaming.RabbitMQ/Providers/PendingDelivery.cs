using Orleans.Runtime;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>A message handed to the pulling agent and not yet acknowledged: what is needed to ack, requeue or dead-letter it.</summary>
/// <param name="SequenceNumber">The receiver's sequence number, the batch container's token.</param>
/// <param name="DeliveryTag">The broker's tag on the channel that delivered it.</param>
/// <param name="ChannelEpoch">Which incarnation of that channel: tags of an earlier, closed one must not be acknowledged.</param>
public sealed record PendingDelivery(
    long SequenceNumber,
    ulong DeliveryTag,
    int ChannelEpoch,
    string MessageKey,
    StreamId? StreamId,
    string EventType,
    byte[] Body);

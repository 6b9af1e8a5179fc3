using Orleans.Runtime;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>A message handed to the pulling agent and not yet acknowledged: what is needed to ack, requeue or dead-letter it.</summary>
/// <param name="SequenceNumber">The receiver's sequence number, the batch container's token.</param>
/// <param name="DeliveredOn">The channel that delivered it: the only one its tag may be settled on.</param>
/// <param name="DeliveryTag">The broker's tag on that channel.</param>
/// <param name="ChannelEpoch">Which incarnation of that channel: tags of an earlier, closed one must not be settled.</param>
public sealed record PendingDelivery(
    long SequenceNumber,
    ConsumerChannel DeliveredOn,
    ulong DeliveryTag,
    int ChannelEpoch,
    string MessageKey,
    StreamId? StreamId,
    string EventType,
    byte[] Body);

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>A broker delivery copied out of the client's buffer, waiting for the pulling agent's next read.</summary>
public sealed record ReceivedMessage(ConsumerChannel DeliveredOn, ulong DeliveryTag, int ChannelEpoch, string? MessageId, byte[] Body);

using Orleans.Streams;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;

/// <summary>Maps an Orleans queue (partition) to its RabbitMQ queue name, <c>{prefix}-{index}</c>.</summary>
public static class RabbitMqQueueNames
{
    public static string For(QueueId queueId) => $"{queueId.GetStringNamePrefix()}-{queueId.GetNumericId()}";
}

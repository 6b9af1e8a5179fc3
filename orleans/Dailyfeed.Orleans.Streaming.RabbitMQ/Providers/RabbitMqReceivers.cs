using System.Collections.Concurrent;
using Orleans.Streams;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>The provider's live receiver per queue on this silo, so a queue's failure handler can settle its messages.</summary>
public sealed class RabbitMqReceivers
{
    private readonly ConcurrentDictionary<QueueId, RabbitMqQueueAdapterReceiver> receivers = new();

    public void Register(QueueId queueId, RabbitMqQueueAdapterReceiver receiver) => receivers[queueId] = receiver;

    public RabbitMqQueueAdapterReceiver? Find(QueueId queueId) => receivers.TryGetValue(queueId, out var receiver) ? receiver : null;
}

using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using RabbitMQ.Client;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;

/// <summary>Declares the provider's durable quorum queues; idempotent while the arguments stay the same.</summary>
public static class RabbitMqTopology
{
    public static async Task DeclareQueuesAsync(IChannel channel, IEnumerable<string> queueNames, RabbitMqStreamOptions options, CancellationToken cancellationToken)
    {
        var arguments = QueueArguments(options);
        foreach (var queueName in queueNames)
        {
            await channel.QueueDeclareAsync(
                queueName, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        }
    }

    private static Dictionary<string, object?> QueueArguments(RabbitMqStreamOptions options) => new()
    {
        // Quorum queues replicate and fsync before confirming, and count redeliveries.
        ["x-queue-type"] = "quorum",
        ["x-message-ttl"] = (long)options.MessageTimeToLive.TotalMilliseconds,
        // Only one receiver at a time gets a queue's messages, even while Orleans hands the queue from one silo
        // to another, so events of a stream are never consumed out of order by two silos at once.
        ["x-single-active-consumer"] = true,
    };
}

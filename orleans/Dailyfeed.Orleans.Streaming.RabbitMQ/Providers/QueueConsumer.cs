using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// A queue's consumer that remembers whether the broker cancelled it (basic.cancel from the server: its queue was
/// deleted), which a client's own cancel, a channel shutdown or a registration still in flight never set.
/// </summary>
public sealed class QueueConsumer(IChannel channel) : AsyncEventingBasicConsumer(channel)
{
    private volatile bool cancelledByBroker;

    public bool CancelledByBroker => cancelledByBroker;

    public override Task HandleBasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
    {
        cancelledByBroker = true;
        return base.HandleBasicCancelAsync(consumerTag, cancellationToken);
    }
}

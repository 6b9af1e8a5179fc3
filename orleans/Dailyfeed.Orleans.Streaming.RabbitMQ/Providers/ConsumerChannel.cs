using RabbitMQ.Client;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// A receiver's consuming channel and its incarnation. Delivery tags are valid only on the channel that handed
/// them out and only until it closes: a recovered channel numbers its deliveries afresh, so a tag from before the
/// close would name another message there.
/// </summary>
public sealed class ConsumerChannel
{
    // Reply codes the broker closes a single channel with (AMQP 0-9-1 soft errors, 311 content-too-large to
    // 406 precondition-failed); 320 connection-forced is the broker closing the whole connection.
    private const ushort FirstChannelErrorCode = 311;
    private const ushort LastChannelErrorCode = 406;
    private const ushort ConnectionForcedCode = 320;

    private int epoch;

    public ConsumerChannel(IChannel channel)
    {
        Channel = channel;
        channel.ChannelShutdownAsync += (_, _) =>
        {
            Interlocked.Increment(ref epoch);
            return Task.CompletedTask;
        };
    }

    public IChannel Channel { get; }

    /// <summary>The consumer registered on the channel, once it is.</summary>
    public QueueConsumer? Consumer { get; set; }

    /// <summary>
    /// True when the broker cancelled the consumer (its queue was deleted): the channel stays open but delivers
    /// nothing more, so the receiver must consume anew.
    /// </summary>
    public bool CancelledByBroker => Consumer is { CancelledByBroker: true };

    public int Epoch => Volatile.Read(ref epoch);

    /// <summary>Whether a tag received at <paramref name="deliveredInEpoch"/> can still be acknowledged or rejected.</summary>
    public bool CanSettle(int deliveredInEpoch) => Channel.IsOpen && deliveredInEpoch == Epoch;

    /// <summary>
    /// True when the broker closed this channel alone (e.g. an unknown delivery tag): the client recovers channels
    /// only after a connection failure, so this one stays closed and must be replaced.
    /// </summary>
    public bool ClosedForGood =>
        Channel.IsClosed
        && Channel.CloseReason is { Initiator: ShutdownInitiator.Peer, ReplyCode: >= FirstChannelErrorCode and <= LastChannelErrorCode }
        && Channel.CloseReason.ReplyCode != ConnectionForcedCode;
}

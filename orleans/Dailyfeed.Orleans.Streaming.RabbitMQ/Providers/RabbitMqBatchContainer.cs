using Orleans;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// One published batch of events of one stream: the body of one broker message (without a token) and, once read
/// from the queue, the unit the pulling agent caches and delivers (with the receiver's sequence token).
/// </summary>
[GenerateSerializer]
[Alias("dailyfeed.streaming.rabbitmq.batch")]
public sealed class RabbitMqBatchContainer : IBatchContainer
{
    public RabbitMqBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext, string messageKey)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
        MessageKey = messageKey;
    }

    [Id(0)]
    public StreamId StreamId { get; private set; }

    [Id(1)]
    public List<object> Events { get; private set; }

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; private set; }

    /// <summary>The broker message id: the same on every redelivery, so consumers and dead letters can name the event.</summary>
    [Id(3)]
    public string MessageKey { get; private set; }

    /// <summary>Set by the receiver in read order; absent in the broker message.</summary>
    [Id(4)]
    public EventSequenceTokenV2? Token { get; set; }

    public StreamSequenceToken SequenceToken =>
        Token ?? throw new InvalidOperationException($"Batch {MessageKey} has no sequence token: it was not read through a receiver.");

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.OfType<T>().Select((item, index) => Tuple.Create(item, (StreamSequenceToken)SequenceTokenOf(index)));

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    private EventSequenceTokenV2 SequenceTokenOf(int eventIndex) =>
        ((EventSequenceTokenV2)SequenceToken).CreateSequenceTokenForEvent(eventIndex);

    public override string ToString() => $"{nameof(RabbitMqBatchContainer)}[{MessageKey} on {StreamId}, {Events.Count} event(s)]";
}

using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Abstractions.Streams;

[RegisterConverter]
public sealed class StreamEventConverter : IConverter<StreamEvent, StreamEventSurrogate>
{
    public StreamEvent ConvertFromSurrogate(in StreamEventSurrogate surrogate) => new(
        surrogate.Id,
        surrogate.Stream,
        surrogate.Key,
        surrogate.MessageKey,
        surrogate.Type,
        surrogate.Category,
        surrogate.Payload,
        surrogate.Traceparent,
        surrogate.CreatedAt);

    public StreamEventSurrogate ConvertToSurrogate(in StreamEvent value) => new(
        value.Id,
        value.Stream,
        value.Key,
        value.MessageKey,
        value.Type,
        value.Category,
        value.Payload,
        value.Traceparent,
        value.CreatedAt);
}

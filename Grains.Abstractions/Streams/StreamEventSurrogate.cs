using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Abstractions.Streams;

/// <summary>The Orleans wire form of the runtime's <see cref="StreamEvent"/>, which cannot carry Orleans attributes itself.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.streams.StreamEventSurrogate")]
public readonly record struct StreamEventSurrogate(
    [Id(0)] Guid Id,
    [Id(1)] string Stream,
    [Id(2)] string Key,
    [Id(3)] string MessageKey,
    [Id(4)] string Type,
    [Id(5)] string Category,
    [Id(6)] string Payload,
    [Id(7)] string? Traceparent,
    [Id(8)] DateTimeOffset CreatedAt);

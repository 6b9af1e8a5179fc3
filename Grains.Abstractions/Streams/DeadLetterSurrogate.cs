using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Abstractions.Streams;

/// <summary>
/// The Orleans wire form of the runtime's <see cref="DeadLetter"/>, which cannot carry Orleans attributes itself.
/// <see cref="DeadLetterKind"/> needs no surrogate: Orleans writes any enum as its underlying integer.
/// </summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.streams.DeadLetterSurrogate")]
public readonly record struct DeadLetterSurrogate(
    [Id(0)] long Id,
    [Id(1)] DeadLetterKind Kind,
    [Id(2)] StreamEvent Event,
    [Id(3)] string Error,
    [Id(4)] bool IsCompleted,
    [Id(5)] bool IsEditing,
    [Id(6)] int ReplayAttempts,
    [Id(7)] DateTimeOffset CreatedAt,
    [Id(8)] DateTimeOffset UpdatedAt,
    [Id(9)] int Attempts);

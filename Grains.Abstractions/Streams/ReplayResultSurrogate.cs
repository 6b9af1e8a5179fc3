using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Abstractions.Streams;

/// <summary>The Orleans wire form of the runtime's <see cref="ReplayResult"/>, which cannot carry Orleans attributes itself.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.streams.ReplayResultSurrogate")]
public readonly record struct ReplayResultSurrogate([Id(0)] int Claimed, [Id(1)] int Replayed, [Id(2)] int Failed);

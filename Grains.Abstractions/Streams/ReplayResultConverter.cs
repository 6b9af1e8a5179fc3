using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Abstractions.Streams;

[RegisterConverter]
public sealed class ReplayResultConverter : IConverter<ReplayResult, ReplayResultSurrogate>
{
    public ReplayResult ConvertFromSurrogate(in ReplayResultSurrogate surrogate) =>
        new(surrogate.Claimed, surrogate.Replayed, surrogate.Failed);

    public ReplayResultSurrogate ConvertToSurrogate(in ReplayResult value) => new(value.Claimed, value.Replayed, value.Failed);
}

using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Abstractions.Streams;

[RegisterConverter]
public sealed class DeadLetterConverter : IConverter<DeadLetter, DeadLetterSurrogate>
{
    public DeadLetter ConvertFromSurrogate(in DeadLetterSurrogate surrogate) => new(
        surrogate.Id,
        surrogate.Kind,
        surrogate.Event,
        surrogate.Error,
        surrogate.IsCompleted,
        surrogate.IsEditing,
        surrogate.ReplayAttempts,
        surrogate.CreatedAt,
        surrogate.UpdatedAt) { Attempts = surrogate.Attempts };

    public DeadLetterSurrogate ConvertToSurrogate(in DeadLetter value) => new(
        value.Id,
        value.Kind,
        value.Event,
        value.Error,
        value.IsCompleted,
        value.IsEditing,
        value.ReplayAttempts,
        value.CreatedAt,
        value.UpdatedAt,
        value.Attempts);
}

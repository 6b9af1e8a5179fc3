using System.Collections.Concurrent;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// Failed consumer deliveries per message key, on this silo. Orleans' failure handler is told only that an event
/// failed, not why nor how often; <see cref="DeliveryFailureFilter"/> writes here so the dead letter can say both.
/// An entry lives until its message is acknowledged or dead-lettered, so it keeps counting across redeliveries
/// of a message whose dead letter could not be written.
/// </summary>
public sealed class DeliveryFailureJournal
{
    private readonly ConcurrentDictionary<string, DeliveryFailures> failures = new(StringComparer.Ordinal);

    public void RecordFailure(string messageKey, Exception exception)
    {
        var error = $"{exception.GetType().FullName}: {exception.Message}";
        failures.AddOrUpdate(
            messageKey,
            static (_, error) => new DeliveryFailures(1, error),
            static (_, previous, error) => new DeliveryFailures(previous.Attempts + 1, error),
            error);
    }

    public DeliveryFailures? Find(string messageKey) => failures.TryGetValue(messageKey, out var found) ? found : null;

    public void Forget(string messageKey) => failures.TryRemove(messageKey, out _);
}

using global::Orleans;

namespace Dailyfeed.Runtime.Streams;

/// <summary>Who receives one stream: a delivery is an ordinary grain call to the subscriber picked by the event's key.</summary>
public sealed record StreamSubscription(string Stream, Func<IGrainFactory, StreamEvent, Task> DeliverAsync);

/// <summary>The stream subscriptions of this silo, registered with <c>AddStreamSubscription</c>.</summary>
internal sealed class StreamSubscriptions
{
    private readonly Dictionary<string, StreamSubscription> _byStream;
    private readonly IGrainFactory _grains;

    public StreamSubscriptions(IEnumerable<StreamSubscription> subscriptions, IGrainFactory grains)
    {
        _grains = grains;
        _byStream = subscriptions.ToDictionary(subscription => subscription.Stream, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Streams => _byStream.Keys;

    /// <summary>Hands the event to its subscriber grain; throws what the grain threw.</summary>
    public Task DeliverAsync(StreamEvent streamEvent) =>
        _byStream.TryGetValue(streamEvent.Stream, out var subscription)
            ? subscription.DeliverAsync(_grains, streamEvent)
            : throw new InvalidOperationException($"No grain subscribes to stream '{streamEvent.Stream}'.");
}

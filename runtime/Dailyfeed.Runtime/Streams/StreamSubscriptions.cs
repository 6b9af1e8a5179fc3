using System.Reflection;
using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Messaging;

namespace Dailyfeed.Runtime.Streams;

/// <summary>
/// Implicit subscriptions: which grain interface receives each stream, read from [ImplicitStreamSubscription] on the
/// interfaces this silo hosts. Delivery is an ordinary grain call, so it is placed, turn-based and timed like any other.
/// </summary>
internal sealed class StreamSubscriptions
{
    private static readonly GrainMethod OnNext =
        GrainMethod.CreateOrThrow(typeof(IStreamSubscriber).GetMethod(nameof(IStreamSubscriber.OnNextAsync))!);

    private readonly Dictionary<string, GrainInterfaceMetadata> _byStream = new(StringComparer.Ordinal);
    private readonly GrainCallRouter _router;

    public StreamSubscriptions(GrainClassRegistry classes, GrainCallRouter router)
    {
        _router = router;
        foreach (var grainClass in classes.All)
        {
            var subscription = grainClass.Metadata.InterfaceType.GetCustomAttribute<ImplicitStreamSubscriptionAttribute>();
            if (subscription is null)
            {
                continue;
            }

            if (!typeof(IStreamSubscriber).IsAssignableFrom(grainClass.Metadata.InterfaceType))
            {
                throw new InvalidOperationException($"{grainClass.Metadata.GrainType} subscribes to '{subscription.Stream}' but does not extend IStreamSubscriber.");
            }

            _byStream[subscription.Stream] = grainClass.Metadata;
        }
    }

    public IReadOnlyCollection<string> Streams => _byStream.Keys;

    /// <summary>Hands the event to its subscriber grain; throws what the grain threw.</summary>
    public Task DeliverAsync(StreamEvent streamEvent)
    {
        var metadata = _byStream.TryGetValue(streamEvent.Stream, out var found)
            ? found
            : throw new InvalidOperationException($"No grain subscribes to stream '{streamEvent.Stream}'.");
        var reference = new GrainReference(new GrainId(metadata.GrainType, streamEvent.Key), metadata);
        return _router.InvokeAsync<object>(reference, OnNext, [streamEvent]);
    }
}

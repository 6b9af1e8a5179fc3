namespace Dailyfeed.Runtime.Streams;

/// <summary>
/// Subscribes a grain interface to every event of a stream: the event with key K is delivered to the grain with
/// primary key K (Orleans' implicit subscriptions, by grain type). The interface must extend <see cref="IStreamSubscriber"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class ImplicitStreamSubscriptionAttribute(string stream) : Attribute
{
    public string Stream { get; } = stream;
}

/// <summary>Receives stream events. Throwing asks for a redelivery; after the retries the event is dead-lettered.</summary>
public interface IStreamSubscriber : IGrain
{
    Task OnNextAsync(StreamEvent streamEvent);
}

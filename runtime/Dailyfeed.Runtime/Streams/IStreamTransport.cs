namespace Dailyfeed.Runtime.Streams;

/// <summary>What a consumer tells the transport about one delivery.</summary>
public enum DeliveryOutcome
{
    /// <summary>Handled (or durably dead-lettered): acknowledge.</summary>
    Ack,

    /// <summary>Could not be handled nor dead-lettered: leave it to the broker to deliver again.</summary>
    Redeliver,
}

/// <summary>
/// A message broker behind the runtime's streams (RabbitMQ in production, in-memory for the embedded default). A
/// Kafka transport would implement this same interface.
/// </summary>
public interface IStreamTransport : IAsyncDisposable
{
    /// <summary>Completes once the broker has the event durably (publisher confirm); throws otherwise.</summary>
    Task PublishAsync(StreamEvent streamEvent, CancellationToken cancellationToken);

    /// <summary>Starts competing-consumer delivery of a stream to this process.</summary>
    Task StartConsumingAsync(string stream, Func<StreamEvent, CancellationToken, Task<DeliveryOutcome>> handler, CancellationToken cancellationToken);

    /// <summary>Stops consuming; unacknowledged deliveries return to the broker.</summary>
    Task StopConsumingAsync();

    /// <summary>Drops the connection without a goodbye (failure tests): the broker redelivers what was in flight.</summary>
    Task KillAsync();
}

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;

/// <summary>An event no consumer could take within the delivery bound, kept so it can be inspected or replayed.</summary>
/// <param name="MessageKey">The broker message id given at publish; stable across redeliveries of the same event.</param>
/// <param name="StreamId">The Orleans stream (<c>namespace/key</c>) the event was published on.</param>
/// <param name="QueueName">The RabbitMQ queue the event was read from.</param>
/// <param name="EventType">Full name of the (first) event's type, for people reading the dead letters.</param>
/// <param name="Payload">The message body exactly as published (Orleans binary of the batch container): republish it to replay.</param>
/// <param name="Error">The consumer's last exception, or why the message could not even be read.</param>
/// <param name="Attempts">Deliveries to the consumer that failed, counted on this silo across broker redeliveries; 0 when no consumer was reached.</param>
/// <param name="SubscriptionId">The failing subscription, or <see cref="Guid.Empty"/> when no consumer was reached.</param>
/// <param name="FailedAt">When the event was given up.</param>
public sealed record ListenerDeadLetter(
    string MessageKey,
    string StreamId,
    string QueueName,
    string EventType,
    byte[] Payload,
    string Error,
    int Attempts,
    Guid SubscriptionId,
    DateTimeOffset FailedAt);

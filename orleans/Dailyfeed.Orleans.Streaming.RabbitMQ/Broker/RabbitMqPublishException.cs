namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;

/// <summary>
/// The broker did not confirm an event (unreachable, refused, unroutable or too slow): the event may not be
/// stored, so <c>OnNextAsync</c> fails and the producer decides whether to retry.
/// </summary>
public sealed class RabbitMqPublishException(string message, Exception innerException)
    : Exception(message, innerException);

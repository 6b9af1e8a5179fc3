namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;

/// <summary>
/// The broker did not confirm an event (unreachable, refused, unroutable or too slow): the event may not be
/// stored, so <c>OnNextAsync</c> fails and the producer decides whether to retry. Serializable like every product
/// exception, since a producer inside a grain call passes it on to its caller.
/// </summary>
[GenerateSerializer, Alias("dailyfeed.rabbitmq.RabbitMqPublishException")]
public sealed class RabbitMqPublishException(string message, Exception innerException)
    : Exception(message, innerException);

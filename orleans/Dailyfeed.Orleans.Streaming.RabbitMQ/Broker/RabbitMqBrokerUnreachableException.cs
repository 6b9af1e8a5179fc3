namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;

/// <summary>
/// The provider could not open a connection to its broker; the message names the broker and provider. Serializable
/// like every product exception, since a producer inside a grain call passes it on to its caller.
/// </summary>
[GenerateSerializer, Alias("dailyfeed.rabbitmq.RabbitMqBrokerUnreachableException")]
public sealed class RabbitMqBrokerUnreachableException(string message, Exception innerException)
    : Exception(message, innerException);

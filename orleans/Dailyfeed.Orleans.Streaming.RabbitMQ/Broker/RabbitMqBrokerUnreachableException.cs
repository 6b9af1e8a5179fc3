namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;

/// <summary>The provider could not open a connection to its broker; the message names the broker and provider.</summary>
public sealed class RabbitMqBrokerUnreachableException(string message, Exception innerException)
    : Exception(message, innerException);

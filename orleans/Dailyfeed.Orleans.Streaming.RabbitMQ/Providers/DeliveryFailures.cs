namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>How often delivering one message to a consumer has failed on this silo, and the latest error.</summary>
public sealed record DeliveryFailures(int Attempts, string LastError);

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>A stream event of the RabbitMQ tests; a poison one makes its consumer throw every time.</summary>
[GenerateSerializer]
[Alias("dailyfeed.tests.rabbitmq.event")]
public sealed record RabbitTestEvent(int Sequence, bool Poison = false);

namespace Dailyfeed.Streams.Tests;

/// <summary>These tests share (and stop) the one RabbitMQ node, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerCollection
{
    public const string Name = "RabbitMQ broker";
}

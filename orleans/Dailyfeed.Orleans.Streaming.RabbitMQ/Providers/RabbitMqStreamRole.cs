namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>What a provider instance does in its process: silos produce and consume, cluster clients only produce.</summary>
public enum RabbitMqStreamRole
{
    /// <summary>A silo: declares the queues at start, reads them and dead-letters failed events.</summary>
    ProduceAndConsume,

    /// <summary>A cluster client: publishes only, connects on first publish and relies on the silos' queues.</summary>
    ProduceOnly,
}

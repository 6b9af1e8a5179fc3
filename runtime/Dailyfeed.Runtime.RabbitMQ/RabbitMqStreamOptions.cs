namespace Dailyfeed.Runtime.RabbitMQ;

/// <summary>The broker connection and topology (configuration section Dailyfeed:RabbitMq).</summary>
public sealed class RabbitMqStreamOptions
{
    public const string Section = "Dailyfeed:RabbitMq";

    public string HostName { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5672;

    public string UserName { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    public string VirtualHost { get; set; } = "/";

    /// <summary>Topic exchange every stream publishes to; routing key "{stream}.{yyyyMMdd}".</summary>
    public string Exchange { get; set; } = "dailyfeed.streams";

    /// <summary>Prefix of every queue name, so several deployments (or test runs) can share one broker.</summary>
    public string QueuePrefix { get; set; } = "dailyfeed.";

    /// <summary>Unacknowledged deliveries per consumer: bounds the work a killed silo hands back.</summary>
    public ushort Prefetch { get; set; } = 32;

    /// <summary>How long an unused day partition (no consumer left) survives before the broker deletes it.</summary>
    public TimeSpan IdlePartitionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often consumers look for a new day's partition.</summary>
    public TimeSpan PartitionRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a consumer whose connection dropped tries to reconnect and resubscribe.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(1);
}

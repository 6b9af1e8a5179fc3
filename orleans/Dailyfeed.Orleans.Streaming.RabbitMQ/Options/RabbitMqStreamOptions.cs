using Orleans.Configuration;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Options;

/// <summary>
/// Broker connection, queues and delivery bound of one RabbitMQ stream provider, bound per provider name
/// (<c>AddRabbitMqStreams(name, ...)</c>), e.g. from the configuration section <c>Orleans:Streams:RabbitMQ</c>.
/// </summary>
public sealed class RabbitMqStreamOptions
{
    /// <summary>Default for <see cref="Port"/>: AMQP's 5672.</summary>
    public const int DefaultPort = 5672;

    /// <summary>Default for <see cref="QueueCount"/>: Orleans' own default partition count, 8.</summary>
    public const int DefaultQueueCount = HashRingStreamQueueMapperOptions.DEFAULT_NUM_QUEUES;

    /// <summary>Default for <see cref="PrefetchCount"/>: 100 unacknowledged messages per queue.</summary>
    public const ushort DefaultPrefetchCount = 100;

    /// <summary>Default for <see cref="MaxDeliveryAttempts"/>: 5.</summary>
    public const int DefaultMaxDeliveryAttempts = 5;

    /// <summary>Default for <see cref="MessageTimeToLive"/>: 7 days, as the activity stream keeps events today.</summary>
    public static readonly TimeSpan DefaultMessageTimeToLive = TimeSpan.FromDays(7);

    /// <summary>Default for <see cref="DeliveryRetryDelay"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultDeliveryRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default for <see cref="PublishTimeout"/>: 30 seconds, Orleans' default grain call timeout.</summary>
    public static readonly TimeSpan DefaultPublishTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default for <see cref="ConnectionTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultConnectionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default for <see cref="NetworkRecoveryInterval"/>: 5 seconds, RabbitMQ.Client's own default.</summary>
    public static readonly TimeSpan DefaultNetworkRecoveryInterval = TimeSpan.FromSeconds(5);

    /// <summary>Broker host. Default <c>localhost</c>.</summary>
    public string HostName { get; set; } = "localhost";

    /// <summary>Broker AMQP port. Default 5672.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>User name. Default <c>guest</c> (the broker lets guest in from localhost only).</summary>
    public string UserName { get; set; } = "guest";

    /// <summary>Password. Default <c>guest</c>.</summary>
    public string Password { get; set; } = "guest";

    /// <summary>Virtual host. Default <c>/</c>.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>
    /// Queue names are <c>{QueueNamePrefix}-{index}</c>, index 0 to <see cref="QueueCount"/> - 1.
    /// Default <c>dailyfeed-stream</c>; give each provider (and each environment on one broker) its own.
    /// </summary>
    public string QueueNamePrefix { get; set; } = "dailyfeed-stream";

    /// <summary>
    /// Number of durable quorum queues (partitions) streams are hashed onto. Default 8. Changing it moves
    /// streams to other queues: drain the old queues first, or events of one stream may be reordered.
    /// </summary>
    public int QueueCount { get; set; } = DefaultQueueCount;

    /// <summary>How long an unconsumed event stays in its queue (<c>x-message-ttl</c>). Default 7 days.</summary>
    public TimeSpan MessageTimeToLive { get; set; } = DefaultMessageTimeToLive;

    /// <summary>
    /// Messages the broker hands a queue's receiver before the first is acknowledged. Default 100. A poison
    /// event holds back acknowledgements behind it for at most the delivery bound, so keep this above the
    /// number of events a queue receives in that time or the queue pauses until the poison is dead-lettered.
    /// </summary>
    public ushort PrefetchCount { get; set; } = DefaultPrefetchCount;

    /// <summary>
    /// Most times a consumer is given one event before it is dead-lettered. Default 5. The silo maps this
    /// onto Orleans' pulling agent: a fixed <see cref="DeliveryRetryDelay"/> between attempts and
    /// <c>StreamPullingAgentOptions.MaxEventDeliveryTime</c> = <see cref="GetDeliveryRetryWindow"/>.
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = DefaultMaxDeliveryAttempts;

    /// <summary>Pause between two delivery attempts of one event to a consumer that threw. Default 1 s.</summary>
    public TimeSpan DeliveryRetryDelay { get; set; } = DefaultDeliveryRetryDelay;

    /// <summary>How long a publish waits for the broker's confirm before <c>OnNextAsync</c> fails. Default 30 s.</summary>
    public TimeSpan PublishTimeout { get; set; } = DefaultPublishTimeout;

    /// <summary>TCP connect timeout to the broker. Default 10 s.</summary>
    public TimeSpan ConnectionTimeout { get; set; } = DefaultConnectionTimeout;

    /// <summary>Pause between automatic reconnection attempts after the connection drops. Default 5 s.</summary>
    public TimeSpan NetworkRecoveryInterval { get; set; } = DefaultNetworkRecoveryInterval;

    /// <summary>
    /// Time a failing event may keep its stream waiting: attempts start no sooner than one
    /// <see cref="DeliveryRetryDelay"/> apart, so a window of (attempts - 1) delays plus half a delay lets
    /// exactly <see cref="MaxDeliveryAttempts"/> start and never one more.
    /// </summary>
    public TimeSpan GetDeliveryRetryWindow() =>
        DeliveryRetryDelay * (MaxDeliveryAttempts - 1) + DeliveryRetryDelay / 2;
}

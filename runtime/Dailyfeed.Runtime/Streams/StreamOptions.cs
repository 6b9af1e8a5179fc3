namespace Dailyfeed.Runtime.Streams;

/// <summary>Delivery and relay settings (configuration section Dailyfeed:Streams).</summary>
public sealed class StreamOptions
{
    /// <summary>How often a silo's relay looks for unpublished outbox rows.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public int OutboxBatchSize { get; set; } = 200;

    /// <summary>How long a claimed outbox row stays invisible to other relays.</summary>
    public TimeSpan OutboxClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Publish attempts before an outbox row moves to publisher_dead_letters.</summary>
    public int MaxPublishAttempts { get; set; } = 10;

    /// <summary>First retry delay of a failed publish; doubles per attempt up to <see cref="MaxPublishBackoff"/>.</summary>
    public TimeSpan PublishBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxPublishBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts to hand one delivery to its subscriber before it is dead-lettered.</summary>
    public int MaxDeliveryAttempts { get; set; } = 3;

    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Pause before giving a delivery back to the broker when even the dead-letter store failed.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A dead-letter claim older than this belongs to a replayer that died and may be taken over.</summary>
    public TimeSpan DeadLetterClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retention of a day's stream partition (the original kept member-activity-yyyyMMdd topics 7 days).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

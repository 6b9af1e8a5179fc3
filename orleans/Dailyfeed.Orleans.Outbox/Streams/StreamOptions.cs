namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// Outbox relay and replay settings (configuration section Dailyfeed:Streams). Delivery attempts and retention are
/// the stream provider's (<c>Dailyfeed:RabbitMq</c>: MaxDeliveryAttempts, DeliveryRetryDelay, MessageTimeToLive).
/// </summary>
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

    /// <summary>
    /// While true, this silo does not start its outbox relay: writes are still acknowledged with their events committed
    /// in the outbox, but this silo publishes none of them; a silo started with it false (the default) relays them all.
    /// For holding events back (a broker migration, a consumer bug to fix before events flow) and for proving that a
    /// silo dying after the commit and before the publish loses nothing. Read when the silo starts.
    /// </summary>
    public bool PauseOutboxRelay { get; set; }

    /// <summary>A dead-letter claim older than this belongs to a replayer that died and may be taken over.</summary>
    public TimeSpan DeadLetterClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

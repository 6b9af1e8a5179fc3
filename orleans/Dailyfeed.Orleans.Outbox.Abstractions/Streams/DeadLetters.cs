namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>Where an event got stuck: before reaching the broker, or after it, in a subscriber.</summary>
public enum DeadLetterKind
{
    Publisher,
    Listener,
}

/// <summary>A dead-letter row, with the original system's columns (payload, is_completed, is_editing, category, message_key).</summary>
public sealed record DeadLetter(
    long Id,
    DeadLetterKind Kind,
    StreamEvent Event,
    string Error,
    bool IsCompleted,
    bool IsEditing,
    int ReplayAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Tries the event got before it was parked here: delivery attempts to its consumer (listener rows, the stream
    /// provider's MaxDeliveryAttempts) or publish attempts (publisher rows). Replays count in <see cref="ReplayAttempts"/>.
    /// </summary>
    public int Attempts { get; init; }
}

/// <summary>What one replay pass did.</summary>
public sealed record ReplayResult(int Claimed, int Replayed, int Failed);

/// <summary>Replays dead letters: publisher rows are published on their stream, listener rows go straight to their consumer.</summary>
public interface IDeadLetterReplayer
{
    Task<ReplayResult> ReplayAsync(DeadLetterKind kind, int maxRows, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows, CancellationToken cancellationToken);
}

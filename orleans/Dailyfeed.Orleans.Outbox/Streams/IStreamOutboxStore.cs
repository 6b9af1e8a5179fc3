namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>An outbox row claimed by a relay.</summary>
public sealed record OutboxEntry(long Sequence, StreamEvent Event, int Attempts);

/// <summary>
/// The transactional outbox. Rows are written by the storage provider together with grain state; relays claim them
/// (a claimed row is invisible to other relays until its lease ends), publish, then delete them.
/// </summary>
public interface IStreamOutboxStore
{
    Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxRows, TimeSpan lease, CancellationToken cancellationToken);

    Task CompleteAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken);

    /// <summary>Gives a row back for a later attempt.</summary>
    Task ReleaseAsync(long sequence, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Moves a row that keeps failing into publisher_dead_letters, in one transaction.</summary>
    Task MoveToDeadLettersAsync(long sequence, string error, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>The created time of the oldest row still waiting (null when the outbox is empty): how far the stream lags.</summary>
    Task<DateTimeOffset?> OldestCreatedAtAsync(CancellationToken cancellationToken);
}

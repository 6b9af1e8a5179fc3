namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>publisher_dead_letters and listener_dead_letters. Claims set is_editing, so two replayers never share a row.</summary>
public interface IDeadLetterStore
{
    /// <summary>Parks an event with the last error and the <paramref name="attempts"/> it got (<see cref="DeadLetter.Attempts"/>).</summary>
    Task AddAsync(DeadLetterKind kind, StreamEvent streamEvent, string error, int attempts, CancellationToken cancellationToken);

    /// <summary>Claims open rows; a claim older than <paramref name="staleAfter"/> (a replayer that died) can be taken over.</summary>
    Task<IReadOnlyList<DeadLetter>> ClaimAsync(DeadLetterKind kind, int maxRows, TimeSpan staleAfter, CancellationToken cancellationToken);

    Task CompleteAsync(DeadLetterKind kind, long id, CancellationToken cancellationToken);

    Task ReleaseAsync(DeadLetterKind kind, long id, string error, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows, CancellationToken cancellationToken);
}

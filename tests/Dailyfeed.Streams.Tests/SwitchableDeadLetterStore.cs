using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// The switch of a cluster's <see cref="SwitchableDeadLetterStore"/>s: one per cluster, shared by every silo's store,
/// so a test flips all silos at once and counts failed writes wherever the delivery landed.
/// </summary>
public sealed class DeadLetterSwitch
{
    private int _failedWrites;

    public bool FailListenerWrites { get; set; }

    public int FailedWrites => Volatile.Read(ref _failedWrites);

    internal void CountFailedWrite() => Interlocked.Increment(ref _failedWrites);
}

/// <summary>A silo's real dead-letter store with a switch that makes listener writes fail, as an unreachable database would.</summary>
public sealed class SwitchableDeadLetterStore(IDeadLetterStore inner, DeadLetterSwitch switchState) : IDeadLetterStore
{
    public Task AddAsync(DeadLetterKind kind, StreamEvent streamEvent, string error, int attempts, CancellationToken cancellationToken)
    {
        if (kind == DeadLetterKind.Listener && switchState.FailListenerWrites)
        {
            switchState.CountFailedWrite();
            throw new IOException("listener_dead_letters is unreachable (test switch)");
        }

        return inner.AddAsync(kind, streamEvent, error, attempts, cancellationToken);
    }

    public Task<IReadOnlyList<DeadLetter>> ClaimAsync(DeadLetterKind kind, int maxRows, TimeSpan staleAfter, CancellationToken cancellationToken) =>
        inner.ClaimAsync(kind, maxRows, staleAfter, cancellationToken);

    public Task CompleteAsync(DeadLetterKind kind, long id, CancellationToken cancellationToken) => inner.CompleteAsync(kind, id, cancellationToken);

    public Task ReleaseAsync(DeadLetterKind kind, long id, string error, CancellationToken cancellationToken) =>
        inner.ReleaseAsync(kind, id, error, cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows, CancellationToken cancellationToken) =>
        inner.ListAsync(kind, includeCompleted, maxRows, cancellationToken);
}

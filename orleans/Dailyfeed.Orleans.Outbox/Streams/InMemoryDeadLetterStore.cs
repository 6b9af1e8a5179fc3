namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>Dead letters in process memory, with the same claim rules as the durable stores.</summary>
public sealed class InMemoryDeadLetterStore(TimeProvider? clock = null) : IDeadLetterStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly List<(DeadLetter Row, DateTimeOffset? ClaimedAt)> _rows = [];
    private readonly object _sync = new();
    private long _nextId;

    public Task AddAsync(DeadLetterKind kind, StreamEvent streamEvent, string error, int attempts, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            _rows.Add((new DeadLetter(++_nextId, kind, streamEvent, error, false, false, 0, now, now) { Attempts = attempts }, null));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> ClaimAsync(DeadLetterKind kind, int maxRows, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            var claimed = new List<DeadLetter>();
            for (var i = 0; i < _rows.Count && claimed.Count < maxRows; i++)
            {
                var (row, claimedAt) = _rows[i];
                if (row.Kind == kind && !row.IsCompleted && (!row.IsEditing || claimedAt < now - staleAfter))
                {
                    var taken = row with { IsEditing = true, UpdatedAt = now };
                    _rows[i] = (taken, now);
                    claimed.Add(taken);
                }
            }

            return Task.FromResult<IReadOnlyList<DeadLetter>>(claimed);
        }
    }

    public Task CompleteAsync(DeadLetterKind kind, long id, CancellationToken cancellationToken) =>
        Update(id, row => row with { IsCompleted = true, IsEditing = false });

    public Task ReleaseAsync(DeadLetterKind kind, long id, string error, CancellationToken cancellationToken) =>
        Update(id, row => row with { IsEditing = false, Error = error, ReplayAttempts = row.ReplayAttempts + 1 });

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<DeadLetter>>(_rows.Select(r => r.Row)
                .Where(r => r.Kind == kind && (includeCompleted || !r.IsCompleted)).Take(maxRows).ToList());
        }
    }

    private Task Update(long id, Func<DeadLetter, DeadLetter> change)
    {
        lock (_sync)
        {
            var index = _rows.FindIndex(r => r.Row.Id == id);
            if (index >= 0)
            {
                _rows[index] = (change(_rows[index].Row) with { UpdatedAt = _clock.GetUtcNow() }, null);
            }
        }

        return Task.CompletedTask;
    }
}

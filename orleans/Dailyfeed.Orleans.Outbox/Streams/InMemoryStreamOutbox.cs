namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>The outbox of <see cref="Storage.InMemoryGrainStorage"/>; appended to under the storage's own lock.</summary>
public sealed class InMemoryStreamOutbox(IDeadLetterStore deadLetters, TimeProvider? clock = null) : IStreamOutboxStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SortedDictionary<long, Row> _rows = [];
    private readonly object _sync = new();
    private long _sequence;

    public void Append(IReadOnlyList<StreamEvent> events)
    {
        lock (_sync)
        {
            foreach (var streamEvent in events)
            {
                _rows[++_sequence] = new Row(streamEvent, 0, DateTimeOffset.MinValue, null, _clock.GetUtcNow());
            }
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxRows, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            var claimed = _rows.Where(r => r.Value.NextAttemptAt <= now && (r.Value.ClaimedUntil is null || r.Value.ClaimedUntil < now))
                .Take(maxRows).ToList();
            foreach (var (sequence, row) in claimed)
            {
                _rows[sequence] = row with { ClaimedUntil = now + lease };
            }

            return Task.FromResult<IReadOnlyList<OutboxEntry>>(claimed.Select(r => new OutboxEntry(r.Key, r.Value.Event, r.Value.Attempts)).ToList());
        }
    }

    public Task CompleteAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            foreach (var sequence in sequences)
            {
                _rows.Remove(sequence);
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(long sequence, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_rows.TryGetValue(sequence, out var row))
            {
                _rows[sequence] = row with { Attempts = row.Attempts + 1, NextAttemptAt = retryAt, ClaimedUntil = null };
            }
        }

        return Task.CompletedTask;
    }

    public async Task MoveToDeadLettersAsync(long sequence, string error, CancellationToken cancellationToken)
    {
        Row? row;
        lock (_sync)
        {
            _rows.Remove(sequence, out row);
        }

        if (row is not null)
        {
            await deadLetters.AddAsync(DeadLetterKind.Publisher, row.Event, error, row.Attempts + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<int> CountAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_rows.Count);
        }
    }

    public Task<DateTimeOffset?> OldestCreatedAtAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_rows.Count == 0 ? null : (DateTimeOffset?)_rows.Values.Min(row => row.CreatedAt));
        }
    }

    private sealed record Row(StreamEvent Event, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? ClaimedUntil, DateTimeOffset CreatedAt);
}

using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Orleans.Outbox.Storage;

/// <summary>Grain storage in process memory, with the same conditional-write rules as the durable providers.</summary>
public sealed class InMemoryGrainStorage(InMemoryStreamOutbox? outbox = null) : IGrainStorage
{
    private readonly Dictionary<(string State, GrainId Grain), (byte[] Payload, long Version)> _records = new();
    private readonly object _sync = new();

    public Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_records.TryGetValue((stateName, grainId), out var record)
                ? new StoredState(record.Payload.ToArray(), StateVersion.Format(record.Version)) // a copy: callers must not edit the stored record
                : null);
        }
    }

    /// <summary>The outbox written together with state; null when streams are not used.</summary>
    public InMemoryStreamOutbox? Outbox { get; } = outbox;

    public Task<string> WriteAsync(
        string stateName, GrainId grainId, byte[] payload, string? expectedEtag, IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var current = CheckEtagOrThrow(stateName, grainId, expectedEtag);
            var version = (current ?? 0) + 1;
            AppendOrThrow(outbox);
            _records[(stateName, grainId)] = (payload.ToArray(), version);
            return Task.FromResult(StateVersion.Format(version));
        }
    }

    public Task AppendOutboxAsync(IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            AppendOrThrow(outbox);
        }

        return Task.CompletedTask;
    }

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            CheckEtagOrThrow(stateName, grainId, expectedEtag);
            _records.Remove((stateName, grainId));
            return Task.CompletedTask;
        }
    }

    private void AppendOrThrow(IReadOnlyList<StreamEvent> events)
    {
        if (events.Count > 0)
        {
            (Outbox ?? throw new InvalidOperationException("This storage has no outbox; construct it with one to publish events.")).Append(events);
        }
    }

    private long? CheckEtagOrThrow(string stateName, GrainId grainId, string? expectedEtag)
    {
        long? current = _records.TryGetValue((stateName, grainId), out var record) ? record.Version : null;
        var actual = current is { } v ? StateVersion.Format(v) : null;
        if (actual != expectedEtag)
        {
            throw StateVersion.Conflict(stateName, grainId, expectedEtag);
        }

        return current;
    }
}

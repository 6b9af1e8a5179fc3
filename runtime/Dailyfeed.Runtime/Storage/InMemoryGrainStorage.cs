namespace Dailyfeed.Runtime.Storage;

/// <summary>Grain storage in process memory, with the same conditional-write rules as the durable providers.</summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string State, GrainId Grain), (byte[] Payload, long Version)> _records = new();
    private readonly object _sync = new();

    public Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_records.TryGetValue((stateName, grainId), out var record)
                ? new StoredState(record.Payload, StateVersion.Format(record.Version))
                : null);
        }
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, byte[] payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var current = CheckEtagOrThrow(stateName, grainId, expectedEtag);
            var version = (current ?? 0) + 1;
            _records[(stateName, grainId)] = (payload.ToArray(), version);
            return Task.FromResult(StateVersion.Format(version));
        }
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

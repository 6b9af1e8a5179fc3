namespace Dailyfeed.Runtime.Membership;

/// <summary>A membership table for silos that share one process (tests, the embedded default).</summary>
public sealed class InMemoryMembershipTable(TimeProvider? clock = null) : IMembershipTable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, SiloEntry> _rows = new(StringComparer.Ordinal);
    private readonly object _sync = new();

    public Task JoinAsync(SiloEntry entry, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _rows[entry.SiloId] = entry with { LastHeartbeat = _clock.GetUtcNow() };
        }

        return Task.CompletedTask;
    }

    public Task<bool> HeartbeatAsync(string siloId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_rows.TryGetValue(siloId, out var row))
            {
                return Task.FromResult(false);
            }

            _rows[siloId] = row with { LastHeartbeat = _clock.GetUtcNow() };
            return Task.FromResult(true);
        }
    }

    public Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_rows.TryGetValue(siloId, out var row))
            {
                _rows[siloId] = row with { Status = status };
            }
        }

        return Task.CompletedTask;
    }

    public Task LeaveAsync(string siloId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _rows.Remove(siloId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SiloEntry>> ReadLiveAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<SiloEntry>>(_rows.Values.Where(r => now - r.LastHeartbeat < lease).ToList());
        }
    }

    public Task<int> DeleteExpiredAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        lock (_sync)
        {
            var expired = _rows.Values.Where(r => now - r.LastHeartbeat >= olderThan).Select(r => r.SiloId).ToList();
            expired.ForEach(id => _rows.Remove(id));
            return Task.FromResult(expired.Count);
        }
    }
}

namespace Dailyfeed.Runtime.Reminders;

/// <summary>Reminder rows in process memory; the tick claim is the same compare-and-set as the durable tables.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId Grain, string Name), ReminderEntry> _rows = new();
    private readonly object _sync = new();

    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _rows[(entry.GrainId, entry.Name)] = entry;
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_rows.Remove((grainId, name)));
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.ToList());
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.GrainId == grainId).ToList());
        }
    }

    public Task<bool> TryClaimTickAsync(GrainId grainId, string name, DateTimeOffset? expectedLastTickAt, DateTimeOffset tickAt, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_rows.TryGetValue((grainId, name), out var row) || row.LastTickAt != expectedLastTickAt)
            {
                return Task.FromResult(false);
            }

            _rows[(grainId, name)] = row with { LastTickAt = tickAt };
            return Task.FromResult(true);
        }
    }
}

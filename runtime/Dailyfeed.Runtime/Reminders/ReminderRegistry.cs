using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Reminders;

/// <summary>What a grain uses to manage its reminders; rows go straight to the durable table.</summary>
internal sealed class ReminderRegistry(IReminderTable table, IOptions<ReminderOptions> options, TimeProvider clock) : IReminderRegistry
{
    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (period < options.Value.MinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder period must be at least {options.Value.MinimumPeriod}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var entry = new ReminderEntry(grainId, name, clock.GetUtcNow() + dueTime, period, LastTickAt: null);
        await table.UpsertAsync(entry, CancellationToken.None).ConfigureAwait(false);
        return new GrainReminder(name, period);
    }

    public Task UnregisterAsync(GrainId grainId, string name) => table.DeleteAsync(grainId, name, CancellationToken.None);

    public async Task<IReadOnlyList<IGrainReminder>> ListAsync(GrainId grainId)
    {
        var entries = await table.ReadForGrainAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        return entries.Select(e => (IGrainReminder)new GrainReminder(e.Name, e.Period)).ToList();
    }

    private sealed record GrainReminder(string Name, TimeSpan Period) : IGrainReminder;
}

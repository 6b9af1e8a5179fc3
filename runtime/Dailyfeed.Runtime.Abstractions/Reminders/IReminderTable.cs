namespace Dailyfeed.Runtime.Reminders;

/// <summary>A stored reminder. <see cref="LastTickAt"/> is null until the first tick fired.</summary>
public sealed record ReminderEntry(
    GrainId GrainId,
    string Name,
    DateTimeOffset StartAt,
    TimeSpan Period,
    DateTimeOffset? LastTickAt);

/// <summary>Durable reminder rows, shared by every silo of the cluster.</summary>
public interface IReminderTable
{
    /// <summary>Creates or replaces the reminder (a replace resets its schedule and tick history).</summary>
    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims one tick: sets last_tick_at to <paramref name="tickAt"/> only if it still equals
    /// <paramref name="expectedLastTickAt"/> (compare-and-set), so two silos never fire the same tick.
    /// </summary>
    Task<bool> TryClaimTickAsync(GrainId grainId, string name, DateTimeOffset? expectedLastTickAt, DateTimeOffset tickAt, CancellationToken cancellationToken);
}

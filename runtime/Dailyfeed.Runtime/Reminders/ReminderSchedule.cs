namespace Dailyfeed.Runtime.Reminders;

/// <summary>
/// Tick arithmetic on a fixed grid (start + n * period), so a late tick does not drift the schedule and the number of
/// grid points passed without a tick is exact.
/// </summary>
internal static class ReminderSchedule
{
    /// <summary>The tick due now, or null when the latest grid point at or before now already fired.</summary>
    public static TickStatus? DueTick(ReminderEntry entry, DateTimeOffset now)
    {
        if (now < entry.StartAt)
        {
            return null;
        }

        var latestIndex = IndexAt(entry, now);
        var lastFiredIndex = entry.LastTickAt is { } last ? IndexAt(entry, last) : -1;
        if (latestIndex <= lastFiredIndex)
        {
            return null;
        }

        return new TickStatus(
            FirstTickTime: entry.StartAt,
            Period: entry.Period,
            ScheduledTime: entry.StartAt + (entry.Period * latestIndex),
            CurrentTickTime: now,
            PreviousTickTime: entry.LastTickAt,
            MissedTicks: latestIndex - lastFiredIndex - 1);
    }

    private static long IndexAt(ReminderEntry entry, DateTimeOffset time) =>
        time < entry.StartAt ? -1 : (time - entry.StartAt).Ticks / entry.Period.Ticks;
}

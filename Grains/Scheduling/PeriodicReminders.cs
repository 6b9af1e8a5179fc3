using Orleans.Runtime;

namespace Dailyfeed.Grains.Scheduling;

/// <summary>
/// Durable schedules that every silo start may ensure without pushing them back. Orleans' reminders do not expose
/// their period, and re-registering resets the due time (silos restarting more often than a day would postpone a
/// daily rotation forever), so the period is part of the reminder's name: an existing reminder of the current period
/// is left alone, one of an old period is replaced.
/// </summary>
internal static class PeriodicReminders
{
    private const char PeriodSeparator = '@';

    public static async Task EnsureAsync(Grain grain, string baseName, TimeSpan period)
    {
        var name = $"{baseName}{PeriodSeparator}{period.Ticks}";
        var existing = await grain.GetReminders();
        if (existing.Any(reminder => reminder.ReminderName == name))
        {
            return;
        }

        await grain.RegisterOrUpdateReminder(name, period, period);
        foreach (var stale in existing.Where(reminder => reminder.ReminderName != name && IsOf(baseName, reminder.ReminderName)))
        {
            await grain.UnregisterReminder(stale);
        }
    }

    /// <summary>Whether <paramref name="reminderName"/> is a schedule made by <see cref="EnsureAsync"/> for <paramref name="baseName"/>.</summary>
    public static bool IsOf(string baseName, string reminderName) =>
        reminderName.StartsWith(baseName + PeriodSeparator, StringComparison.Ordinal);
}

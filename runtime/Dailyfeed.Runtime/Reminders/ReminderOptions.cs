namespace Dailyfeed.Runtime.Reminders;

/// <summary>Durable reminder settings (configuration section Dailyfeed:Reminders).</summary>
public sealed class ReminderOptions
{
    /// <summary>How often each silo reads the reminder table and fires what is due on grains it owns.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Shorter periods are rejected: a reminder is for durable, coarse schedules; use a timer for fast ones.</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

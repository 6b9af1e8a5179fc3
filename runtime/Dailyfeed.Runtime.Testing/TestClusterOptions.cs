using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Reminders;

namespace Dailyfeed.Runtime.Testing;

/// <summary>Timings tuned so failure tests finish in seconds; each is a normal runtime option.</summary>
public sealed class TestClusterOptions
{
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MembershipRefreshInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReminderMinimumPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan StabilizationTimeout { get; set; } = TimeSpan.FromSeconds(15);

    internal void Apply(MembershipOptions membership)
    {
        membership.HeartbeatInterval = HeartbeatInterval;
        membership.LeaseDuration = LeaseDuration;
        membership.RefreshInterval = MembershipRefreshInterval;
    }

    internal void Apply(ReminderOptions reminders)
    {
        reminders.PollInterval = ReminderPollInterval;
        reminders.MinimumPeriod = ReminderMinimumPeriod;
    }
}

namespace Dailyfeed.Runtime;

/// <summary>A durable reminder: stored in the cluster's database and fired on whichever silo owns the grain.</summary>
public interface IGrainReminder
{
    string Name { get; }

    TimeSpan Period { get; }
}

public interface IReminderRegistry
{
    Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync(GrainId grainId, string name);

    Task<IReadOnlyList<IGrainReminder>> ListAsync(GrainId grainId);
}

/// <summary>Implemented by grains that register reminders.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminderAsync(string reminderName, TickStatus status);
}

/// <summary>
/// What a reminder tick knows. Unlike Orleans, missed ticks are reported: when the owning silo was down or busy,
/// <see cref="MissedTicks"/> says how many periods passed without a tick since <see cref="PreviousTickTime"/>.
/// </summary>
public readonly record struct TickStatus(
    DateTimeOffset FirstTickTime,
    TimeSpan Period,
    DateTimeOffset ScheduledTime,
    DateTimeOffset CurrentTickTime,
    DateTimeOffset? PreviousTickTime,
    long MissedTicks);

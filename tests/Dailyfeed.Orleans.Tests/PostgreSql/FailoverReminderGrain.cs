using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

[Alias("dailyfeed.tests.postgresql.IFailoverReminderGrain")]
public interface IFailoverReminderGrain : IGrainWithStringKey
{
    [Alias("Start")] Task Start(TimeSpan period);
    [Alias("Stop")] Task Stop();
}

/// <summary>
/// Counts its reminder's ticks in <see cref="FailoverReminderTicks"/>, outside the activation: the activation dies
/// with its silo, and the count must carry on across it.
/// </summary>
public sealed class FailoverReminderGrain : Grain, IFailoverReminderGrain, IRemindable
{
    public const string ReminderName = "pg-failover-tick";

    public Task Start(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task Stop() => await this.UnregisterReminder(await this.GetReminder(ReminderName)
        ?? throw new InvalidOperationException($"Reminder {ReminderName} is not registered."));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        FailoverReminderTicks.Record(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}

/// <summary>Ticks per grain key, in the test process that also hosts the silos.</summary>
public static class FailoverReminderTicks
{
    private static readonly ConcurrentDictionary<string, int> TicksByKey = new();

    public static void Record(string key) => TicksByKey.AddOrUpdate(key, 1, (_, ticks) => ticks + 1);

    public static int Count(string key) => TicksByKey.GetValueOrDefault(key);
}

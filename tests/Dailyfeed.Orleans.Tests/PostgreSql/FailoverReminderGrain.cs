using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

[Alias("dailyfeed.tests.postgresql.IFailoverReminderGrain")]
public interface IFailoverReminderGrain : IGrainWithStringKey
{
    [Alias("Start")] Task Start(TimeSpan period);
}

/// <summary>
/// Counts its reminder's ticks in <see cref="FailoverReminderTicks"/> by the silo they ran on, outside the activation:
/// the activation dies with its silo, and the count must carry on across it.
/// </summary>
public sealed class FailoverReminderGrain(ILocalSiloDetails silo) : Grain, IFailoverReminderGrain, IRemindable
{
    public const string ReminderName = "pg-failover-tick";

    public Task Start(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        FailoverReminderTicks.Record(this.GetPrimaryKeyString(), silo.SiloAddress);
        return Task.CompletedTask;
    }
}

/// <summary>Ticks per grain key and silo, in the test process that also hosts the silos.</summary>
public static class FailoverReminderTicks
{
    private static readonly ConcurrentDictionary<(string Key, SiloAddress Silo), int> Ticks = new();

    public static void Record(string key, SiloAddress silo) => Ticks.AddOrUpdate((key, silo), 1, (_, ticks) => ticks + 1);

    /// <summary>Ticks of the reminder of <paramref name="key"/> on <paramref name="silo"/>.</summary>
    public static int Count(string key, SiloAddress silo) => Ticks.GetValueOrDefault((key, silo));

    /// <summary>Ticks of the reminder of <paramref name="key"/> on any silo.</summary>
    public static int Count(string key) => Ticks.Where(entry => entry.Key.Key == key).Sum(entry => entry.Value);
}

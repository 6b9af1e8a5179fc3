using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.Sqlite;

public interface ISqliteCounterGrain : IGrainWithStringKey
{
    Task<SqliteCounterState> GetAsync();

    Task<int> AddAsync(int amount, string entry);

    Task ClearAsync();
}

/// <summary>Keeps its count in the default storage provider: the outbox storage over the embedded SQLite store.</summary>
public sealed class SqliteCounterGrain(
    [PersistentState(SqliteCounterGrain.StateName)] IPersistentState<SqliteCounterState> counter) : Grain, ISqliteCounterGrain
{
    public const string StateName = "counter";

    public Task<SqliteCounterState> GetAsync() => Task.FromResult(counter.State);

    public async Task<int> AddAsync(int amount, string entry)
    {
        counter.State.Value += amount;
        counter.State.Entries.Add(entry);
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task ClearAsync() => counter.ClearStateAsync();
}

public interface ISqliteReminderProbeGrain : IGrainWithStringKey
{
    Task StartTickingAsync(TimeSpan period);

    Task StopTickingAsync();

    Task<bool> IsTickingAsync();
}

/// <summary>Counts its reminder's ticks in <see cref="SqliteReminderTicks"/>, which outlives activations and silos.</summary>
public sealed class SqliteReminderProbeGrain : Grain, ISqliteReminderProbeGrain, IRemindable
{
    public const string ReminderName = "sqlite-probe";

    public Task StartTickingAsync(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task StopTickingAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<bool> IsTickingAsync() => await this.GetReminder(ReminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        SqliteReminderTicks.Record(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}

/// <summary>Reminder ticks per probe grain key, in the test process that also hosts the silos.</summary>
public static class SqliteReminderTicks
{
    private static readonly ConcurrentDictionary<string, int> TicksByKey = new();

    public static void Record(string key) => TicksByKey.AddOrUpdate(key, 1, (_, ticks) => ticks + 1);

    public static int Count(string key) => TicksByKey.GetValueOrDefault(key);
}

using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

[Alias("dailyfeed.tests.postgresql.IReminderGrain")]
public interface IReminderGrain : IGrainWithStringKey
{
    [Alias("Start")] Task Start(TimeSpan period);
    [Alias("Stop")] Task Stop();
    [Alias("Ticks")] Task<int> Ticks();
}

public sealed class ReminderGrain : Grain, IReminderGrain, IRemindable
{
    public const string ReminderName = "pg-tick";
    private int _ticks;

    public Task Start(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task Stop() => await this.UnregisterReminder(await this.GetReminder(ReminderName)
        ?? throw new InvalidOperationException($"Reminder {ReminderName} is not registered."));

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks++;
        return Task.CompletedTask;
    }
}

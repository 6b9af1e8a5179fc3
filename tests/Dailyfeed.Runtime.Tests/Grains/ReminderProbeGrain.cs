using System.Collections.Concurrent;
using Dailyfeed.Runtime.Hosting;

namespace Dailyfeed.Runtime.Tests.Grains;

[GrainPool(GrainPools.Write)]
public interface IReminderProbeGrain : IGrainWithStringKey, IRemindable
{
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync(string name);
}

/// <summary>One instance shared by every silo of a test cluster: where and how each reminder fired.</summary>
public sealed class ReminderLog
{
    public ConcurrentQueue<(string GrainKey, string Name, string SiloId, TickStatus Status)> Ticks { get; } = new();
}

public sealed class ReminderProbeGrain(SiloHost silo, ReminderLog log) : Grain, IReminderProbeGrain
{
    public Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminderAsync(name, dueTime, period);

    public Task UnregisterAsync(string name) => UnregisterReminderAsync(name);

    public Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        log.Ticks.Enqueue((GetPrimaryKeyString(), reminderName, silo.SiloId, status));
        return Task.CompletedTask;
    }
}

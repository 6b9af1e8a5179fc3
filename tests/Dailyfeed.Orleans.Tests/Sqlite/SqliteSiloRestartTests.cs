using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>A silo stopped and started again on the same SQLite file, as the embedded Gateway is between runs.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class SqliteSiloRestartTests : IDisposable
{
    private static readonly TimeSpan EventualLimit = TimeSpan.FromSeconds(60);

    private readonly SqliteTestFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task Grain_state_and_reminders_survive_a_silo_restart()
    {
        var counterKey = Guid.NewGuid().ToString("N");
        var probeKey = Guid.NewGuid().ToString("N");
        var first = SqliteTestCluster.Create(file.DataSource);
        await first.DeployAsync();
        await first.Client.GetGrain<ISqliteCounterGrain>(counterKey).AddAsync(4, "before restart");
        await first.Client.GetGrain<ISqliteReminderProbeGrain>(probeKey).StartTickingAsync(SqliteTestCluster.ReminderPeriod);
        await Eventually.HoldsAsync(
            () => Task.FromResult(SqliteReminderTicks.Count(probeKey) >= 1), EventualLimit, "the reminder ticked before the restart");
        await SqliteTestCluster.StopAsync(first);
        var ticksBeforeRestart = SqliteReminderTicks.Count(probeKey);

        var second = SqliteTestCluster.Create(file.DataSource);
        await second.DeployAsync();
        try
        {
            // Nothing calls the probe: only the reminder row read back from the file can make it tick again.
            await Eventually.HoldsAsync(
                () => Task.FromResult(SqliteReminderTicks.Count(probeKey) > ticksBeforeRestart),
                EventualLimit,
                "the reminder ticked after the restart");
            var state = await second.Client.GetGrain<ISqliteCounterGrain>(counterKey).GetAsync();
            state.Value.ShouldBe(4);
            state.Entries.ShouldBe(["before restart"]);
            await second.Client.GetGrain<ISqliteReminderProbeGrain>(probeKey).StopTickingAsync();
        }
        finally
        {
            await SqliteTestCluster.StopAsync(second);
        }
    }
}

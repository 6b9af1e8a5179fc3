using Dailyfeed.Orleans.Sqlite.Providers;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>Reminders of grains on a silo whose reminder table is SQLite.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class SqliteReminderClusterTests(SqliteClusterFixture fixture)
{
    private static readonly TimeSpan EventualLimit = TimeSpan.FromSeconds(60);

    // Long enough, in reminder periods, for a tick already under way at unregistration to land.
    private static readonly TimeSpan InFlightTickGrace = SqliteTestCluster.ReminderPeriod * 3;

    private InProcessTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_registered_reminder_fires_and_its_row_is_in_the_file()
    {
        var key = Guid.NewGuid().ToString("N");
        var probe = Cluster.Client.GetGrain<ISqliteReminderProbeGrain>(key);

        await probe.StartTickingAsync(SqliteTestCluster.ReminderPeriod);

        await Eventually.HoldsAsync(
            () => Task.FromResult(SqliteReminderTicks.Count(key) >= 2), EventualLimit, "the reminder ticked twice");
        var row = await new SqliteReminderTable(fixture.File.CreateOptions())
            .ReadRow(probe.GetGrainId(), SqliteReminderProbeGrain.ReminderName);
        row.ShouldNotBeNull().Period.ShouldBe(SqliteTestCluster.ReminderPeriod);
        await probe.StopTickingAsync();
    }

    [Fact]
    public async Task An_unregistered_reminder_stops_ticking_and_leaves_the_file()
    {
        var key = Guid.NewGuid().ToString("N");
        var probe = Cluster.Client.GetGrain<ISqliteReminderProbeGrain>(key);
        await probe.StartTickingAsync(SqliteTestCluster.ReminderPeriod);
        await Eventually.HoldsAsync(
            () => Task.FromResult(SqliteReminderTicks.Count(key) >= 1), EventualLimit, "the reminder ticked");

        await probe.StopTickingAsync();

        (await probe.IsTickingAsync()).ShouldBeFalse();
        var table = new SqliteReminderTable(fixture.File.CreateOptions());
        (await table.ReadRow(probe.GetGrainId(), SqliteReminderProbeGrain.ReminderName)).ShouldBeNull();
        await Task.Delay(InFlightTickGrace);
        var ticksAfterStop = SqliteReminderTicks.Count(key);
        await Task.Delay(InFlightTickGrace);
        SqliteReminderTicks.Count(key).ShouldBe(ticksAfterStop);
    }
}

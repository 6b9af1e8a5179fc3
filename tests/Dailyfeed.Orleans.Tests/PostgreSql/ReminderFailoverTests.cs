namespace Dailyfeed.Orleans.Tests.PostgreSql;

/// <summary>
/// A reminder belongs to whichever silo's ring range holds its grain's hash; when that silo leaves, a survivor takes
/// the range over, reads the reminder from PostgreSQL and keeps it ticking. Owns its cluster: it stops a silo.
/// </summary>
public sealed class ReminderFailoverTests(PostgreSqlClusterFixture cluster) : IClassFixture<PostgreSqlClusterFixture>
{
    /// <summary>
    /// Orleans does not say which silo owns a reminder (its ring is internal), so the test spreads reminders over the
    /// ring: with two silos the chance that none of them belongs to the stopped one is 2^-16.
    /// </summary>
    private const int RemindersAcrossTheRing = 16;

    /// <summary>Ticks that prove a reminder runs, not one last tick already in flight when the silo stopped.</summary>
    private const int TicksAfterTheStop = 2;

    [Fact]
    public async Task Reminders_of_a_stopped_silo_keep_ticking_on_the_survivor()
    {
        var keys = Enumerable.Range(0, RemindersAcrossTheRing).Select(_ => $"failover-{Guid.NewGuid():N}").ToList();
        await Task.WhenAll(keys.Select(key => cluster.Client.GetGrain<IFailoverReminderGrain>(key).Start(PostgreSqlClusterFixture.ReminderPeriod)));
        await Eventually.ReturnsAsync(() => Task.FromResult(Behind(keys, _ => 1)), IsEmpty, "a first tick of every reminder");

        await cluster.StopSiloAsync(cluster.Silos[0]);
        var ticksAtStop = keys.ToDictionary(key => key, FailoverReminderTicks.Count);

        cluster.Silos.Count.ShouldBe(1);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(Behind(keys, key => ticksAtStop[key] + TicksAfterTheStop)),
            IsEmpty,
            $"{TicksAfterTheStop} ticks of every reminder after a silo stopped");
        await Task.WhenAll(keys.Select(key => cluster.Client.GetGrain<IFailoverReminderGrain>(key).Stop()));
    }

    /// <summary>Keys whose reminder has not ticked as often as required yet, listed for a timeout message.</summary>
    private static string Behind(IEnumerable<string> keys, Func<string, int> required) =>
        string.Join(", ", keys.Where(key => FailoverReminderTicks.Count(key) < required(key)));

    private static bool IsEmpty(string unticked) => unticked.Length == 0;
}

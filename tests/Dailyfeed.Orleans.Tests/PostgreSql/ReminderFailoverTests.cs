using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

/// <summary>
/// A reminder belongs to whichever silo's ring range holds its grain's hash; when that silo dies, a survivor declares
/// it dead, takes the range over, reads the reminder from PostgreSQL and keeps it ticking. Owns its cluster: it kills a
/// silo.
/// </summary>
public sealed class ReminderFailoverTests(PostgreSqlClusterFixture cluster) : IClassFixture<PostgreSqlClusterFixture>
{
    /// <summary>
    /// Orleans does not say which silo owns a reminder (its ring is internal), so the test spreads reminders over the
    /// ring: with two silos the chance that none of them belongs to the stopped one is 2^-16.
    /// </summary>
    private const int RemindersAcrossTheRing = 16;

    /// <summary>Ticks that prove a reminder runs, not one last tick already in flight when the silo died.</summary>
    private const int TicksAfterTheKill = 2;

    /// <summary>A refused connection is declared dead within a second; generous for a loaded CI machine.</summary>
    private static readonly TimeSpan FailoverPatience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Reminders_of_a_killed_silo_keep_ticking_on_the_survivor()
    {
        var keys = Enumerable.Range(0, RemindersAcrossTheRing).Select(_ => $"failover-{Guid.NewGuid():N}").ToList();
        await Task.WhenAll(keys.Select(key => cluster.Client.GetGrain<IFailoverReminderGrain>(key).Start(PostgreSqlClusterFixture.ReminderPeriod)));
        await Eventually.ReturnsAsync(() => Task.FromResult(Behind(keys, key => FailoverReminderTicks.Count(key) >= 1)), IsEmpty, "a first tick of every reminder");

        var killed = AddressOf(cluster.Silos[0]);
        var survivor = AddressOf(cluster.Silos[1]);
        cluster.KillSilo(cluster.Silos[0]);

        cluster.Silos.Count.ShouldBe(1);
        // The killed silo had no database left to write its own death: the survivor's failure detection wrote it.
        await Eventually.ReturnsAsync(() => StatusInMembershipTableAsync(killed), status => status == (int)SiloStatus.Dead,
            "the killed silo declared dead in the membership table", FailoverPatience);
        // Counted from here and on the survivor only: the dying in-process silo may have run a last tick of its own.
        var survivorTicksAtDeath = keys.ToDictionary(key => key, key => FailoverReminderTicks.Count(key, survivor));
        await Eventually.ReturnsAsync(
            () => Task.FromResult(Behind(keys, key => FailoverReminderTicks.Count(key, survivor) >= survivorTicksAtDeath[key] + TicksAfterTheKill)),
            IsEmpty,
            $"{TicksAfterTheKill} ticks of every reminder on the survivor after the other silo was killed",
            FailoverPatience);

        // No unregistering here: the killed silo may still hold a client connection and a grain there would answer
        // from its cut database. The cluster is this class's own and its schema is dropped with it.
    }

    /// <summary>Keys whose reminder has not ticked as often as required yet, listed for a timeout message.</summary>
    private static string Behind(IEnumerable<string> keys, Func<string, bool> ticked) =>
        string.Join(", ", keys.Where(key => !ticked(key)));

    private static SiloAddress AddressOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private Task<int> StatusInMembershipTableAsync(SiloAddress silo) => cluster.Schema.ScalarAsync<int>(
        "SELECT status FROM orleans_membership WHERE deployment_id = @cluster AND port = @port AND generation = @generation",
        ("cluster", PostgreSqlClusterFixture.ClusterId), ("port", silo.Endpoint.Port), ("generation", silo.Generation));

    private static bool IsEmpty(string unticked) => unticked.Length == 0;
}

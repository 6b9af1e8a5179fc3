using Dailyfeed.Orleans.Tests.Sqlite.Renamed;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>Grains on a silo whose default storage is SQLite, as the embedded Gateway runs them.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class SqliteGrainStorageClusterTests(SqliteClusterFixture fixture)
{
    private static readonly TimeSpan EventualLimit = TimeSpan.FromSeconds(30);

    private InProcessTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_grains_state_survives_its_deactivation()
    {
        var counter = NewCounter();
        await counter.AddAsync(2, "first");
        await counter.AddAsync(3, "second");

        await Cluster.DeactivateAsync(counter.GetGrainId());

        var state = await counter.GetAsync();
        state.Value.ShouldBe(5);
        state.Entries.ShouldBe(["first", "second"]);
    }

    [Fact]
    public async Task A_stale_activation_fails_to_write_and_the_newer_state_is_kept()
    {
        var counter = NewCounter();
        await counter.AddAsync(1, "activation");
        // Another writer (as a duplicate activation would) moves the stored state past the grain's ETag.
        var newer = await ReadStoredAsync<SqliteCounterState>(counter);
        newer.State!.Value = 100;
        newer.State.Entries.Add("other writer");
        await DefaultStorage.WriteStateAsync(SqliteCounterGrain.StateName, counter.GetGrainId(), newer);

        await Should.ThrowAsync<InconsistentStateException>(() => counter.AddAsync(1, "stale"));

        // Orleans deactivates a grain whose storage reported the conflict; its next activation reads the newer state.
        await Eventually.HoldsAsync(
            async () => (await counter.GetAsync()).Value == 100, EventualLimit, "the grain reads the newer state");
        (await counter.GetAsync()).Entries.ShouldBe(["activation", "other writer"]);
    }

    [Fact]
    public async Task A_grain_clears_its_state_and_writes_again()
    {
        var counter = NewCounter();
        await counter.AddAsync(5, "before clear");

        await counter.ClearAsync();
        (await counter.GetAsync()).Value.ShouldBe(0);
        await counter.AddAsync(2, "after clear");
        await Cluster.DeactivateAsync(counter.GetGrainId());

        var state = await counter.GetAsync();
        state.Value.ShouldBe(2);
        state.Entries.ShouldBe(["after clear"]);
    }

    [Fact]
    public async Task A_cleared_state_stays_cleared_after_deactivation()
    {
        var counter = NewCounter();
        await counter.AddAsync(5, "cleared");
        await counter.ClearAsync();

        await Cluster.DeactivateAsync(counter.GetGrainId());

        (await ReadStoredAsync<SqliteCounterState>(counter)).RecordExists.ShouldBeFalse();
        (await counter.GetAsync()).Value.ShouldBe(0);
    }

    [Fact]
    public async Task State_a_grain_stored_reads_into_a_renamed_and_moved_class()
    {
        var counter = NewCounter();
        await counter.AddAsync(7, "kept");

        var renamed = await ReadStoredAsync<MovedCounterSnapshot>(counter);

        renamed.RecordExists.ShouldBeTrue();
        renamed.State!.Value.ShouldBe(7);
        renamed.State.Entries.ShouldBe(["kept"]);
    }

    [Fact]
    public async Task Many_grains_writing_at_once_all_keep_their_state()
    {
        const int grains = 40;
        const int writesPerGrain = 3;
        var counters = Enumerable.Range(0, grains).Select(_ => NewCounter()).ToList();

        await Task.WhenAll(counters.Select(async counter =>
        {
            for (var write = 0; write < writesPerGrain; write++)
            {
                await counter.AddAsync(1, $"write {write}");
            }
        }));

        foreach (var counter in counters)
        {
            (await ReadStoredAsync<SqliteCounterState>(counter)).State!.Value.ShouldBe(writesPerGrain);
        }
    }

    private IGrainStorage DefaultStorage =>
        Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    private ISqliteCounterGrain NewCounter() => Cluster.Client.GetGrain<ISqliteCounterGrain>(Guid.NewGuid().ToString("N"));

    private async Task<GrainState<T>> ReadStoredAsync<T>(ISqliteCounterGrain counter)
    {
        var state = new GrainState<T>();
        await DefaultStorage.ReadStateAsync(SqliteCounterGrain.StateName, counter.GetGrainId(), state);
        return state;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

public sealed class PostgreSqlClusterTests(PostgreSqlClusterFixture cluster) : IClassFixture<PostgreSqlClusterFixture>
{
    private const string ActiveStatus = "3";

    [Fact]
    public async Task Two_silos_join_through_the_membership_table_and_a_client_finds_them_there_to_call_a_grain()
    {
        var activeRows = await cluster.Schema.ScalarAsync<long>(
            $"SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = {ActiveStatus}",
            ("cluster", PostgreSqlClusterFixture.ClusterId));
        var activeHosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        activeRows.ShouldBe(2);
        activeHosts.Count.ShouldBe(2);
        (await cluster.Client.GetGrain<ICounterGrain>("joined").Add(1)).ShouldBe(1);
    }

    [Fact]
    public async Task Grain_state_survives_deactivation_and_is_stored_as_plain_json()
    {
        var counter = cluster.Client.GetGrain<ICounterGrain>("survivor");
        await counter.Add(5);
        await counter.Add(2);

        await counter.Deactivate();

        (await counter.Get()).ShouldBe(7);
        var json = await cluster.Schema.ScalarAsync<string>(
            "SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = @state AND grain_id_extension = 'survivor'",
            ("state", CounterGrain.StateName));
        json.ShouldBe("""{"Count":7}""");
    }

    [Fact]
    public async Task Cleared_state_reads_as_new_after_deactivation_and_can_be_written_again()
    {
        var counter = cluster.Client.GetGrain<ICounterGrain>("cleared");
        await counter.Add(3);

        await counter.Clear();
        await counter.Deactivate();

        (await counter.Get()).ShouldBe(0);
        (await counter.Add(4)).ShouldBe(4);
    }

    [Fact]
    public async Task A_writer_holding_a_stale_etag_gets_InconsistentStateException_and_the_newer_state_is_kept()
    {
        var storage = DefaultStorage();
        var grainId = GrainId.Create("pg-test", "stale-writer");
        var first = await ReadAsync(storage, grainId);
        first.State!.Count = 1;
        await storage.WriteStateAsync(CounterGrain.StateName, grainId, first);
        var stale = await ReadAsync(storage, grainId);
        first.State!.Count = 2;
        await storage.WriteStateAsync(CounterGrain.StateName, grainId, first);

        stale.State!.Count = 99;
        await Should.ThrowAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(CounterGrain.StateName, grainId, stale));
        await Should.ThrowAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(CounterGrain.StateName, grainId, stale));

        (await ReadAsync(storage, grainId)).State!.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Racing_first_writes_of_one_state_store_one_row_and_the_losers_get_InconsistentStateException()
    {
        var storage = DefaultStorage();
        var grainId = GrainId.Create("pg-test", "racing-first-write");
        var writers = Enumerable.Range(1, 6).Select(count =>
            new GrainState<CounterState>(new CounterState { Count = count })).ToList();

        var outcomes = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            try
            {
                await storage.WriteStateAsync(CounterGrain.StateName, grainId, writer);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        outcomes.Count(won => won).ShouldBe(1);
        var winner = writers[Array.IndexOf(outcomes, true)];
        (await ReadAsync(storage, grainId)).State!.Count.ShouldBe(winner.State!.Count);
        (await cluster.Schema.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension = 'racing-first-write'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_reminder_is_stored_in_postgresql_fires_repeatedly_and_is_removed_when_unregistered()
    {
        var grain = cluster.Client.GetGrain<IReminderGrain>("ticking");
        var reminderRows = () => cluster.Schema.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_reminder WHERE reminder_name = @name AND grain_id LIKE '%ticking'",
            ("name", ReminderGrain.ReminderName));

        await grain.Start(PostgreSqlClusterFixture.ReminderPeriod);

        (await reminderRows()).ShouldBe(1);
        await Eventually.ReturnsAsync(grain.Ticks, ticks => ticks >= 2, "two reminder ticks");
        await grain.Stop();
        (await reminderRows()).ShouldBe(0);
    }

    private IGrainStorage DefaultStorage() =>
        cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    private static async Task<GrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<CounterState>();
        await storage.ReadStateAsync(CounterGrain.StateName, grainId, state);
        return state;
    }
}

using Dailyfeed.Orleans.Sqlite.Providers;
using Dailyfeed.Orleans.Sqlite.Storage;
using Dailyfeed.Orleans.Tests.Sqlite.Renamed;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using MicrosoftOptions = Microsoft.Extensions.Options.Options;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>The <see cref="IGrainStorage"/> contract of <see cref="SqliteGrainStorage"/>, without a silo.</summary>
public sealed class SqliteGrainStorageContractTests : IAsyncLifetime, IDisposable
{
    private const string StateName = "counter";

    private readonly SqliteTestFile file = new();
    private readonly ServiceProvider serializerServices = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly SqliteGrainStorage storage;
    private readonly GrainId grainId = GrainId.Create("sqlite-contract", Guid.NewGuid().ToString("N"));

    public SqliteGrainStorageContractTests()
    {
        var serializer = new SystemTextJsonGrainStorageSerializer(
            MicrosoftOptions.Create(new SystemTextJsonGrainStorageSerializerOptions()));
        storage = new SqliteGrainStorage(
            "contract",
            file.CreateOptions(),
            serializer,
            serializerServices.GetRequiredService<IActivatorProvider>(),
            NullLogger<SqliteGrainStorage>.Instance);
    }

    public Task InitializeAsync() => new SqliteDatabase(file.CreateOptions()).EnsureCreatedOrThrowAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        serializerServices.Dispose();
        file.Dispose();
    }

    [Fact]
    public async Task Reading_a_state_never_written_gives_a_new_state_without_etag()
    {
        var state = new GrainState<SqliteCounterState>();

        await storage.ReadStateAsync(StateName, grainId, state);

        state.State.ShouldNotBeNull();
        state.State!.Value.ShouldBe(0);
        state.ETag.ShouldBeNull();
        state.RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task A_written_state_reads_back_with_the_etag_the_write_returned()
    {
        var written = await WriteNewAsync(value: 7, "first");

        var read = await ReadAsync<SqliteCounterState>();

        read.State!.Value.ShouldBe(7);
        read.State!.Entries.ShouldBe(["first"]);
        read.ETag.ShouldBe(written.ETag);
        read.RecordExists.ShouldBeTrue();
    }

    [Fact]
    public async Task States_are_keyed_by_grain_and_state_name()
    {
        await WriteNewAsync(value: 1);

        var otherName = new GrainState<SqliteCounterState>();
        await storage.ReadStateAsync("other-state", grainId, otherName);
        var otherGrain = new GrainState<SqliteCounterState>();
        await storage.ReadStateAsync(StateName, GrainId.Create("sqlite-contract", "someone-else"), otherGrain);

        otherName.RecordExists.ShouldBeFalse();
        otherGrain.RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task A_writer_with_a_stale_etag_gets_InconsistentStateException_and_the_newer_state_is_kept()
    {
        await WriteNewAsync(value: 1);
        var stale = await ReadAsync<SqliteCounterState>();
        var fresh = await ReadAsync<SqliteCounterState>();
        fresh.State!.Value = 2;
        await storage.WriteStateAsync(StateName, grainId, fresh);

        stale.State!.Value = 99;
        var conflict = await Should.ThrowAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, grainId, stale));

        conflict.StoredEtag.ShouldBe(fresh.ETag);
        (await ReadAsync<SqliteCounterState>()).State!.Value.ShouldBe(2);
    }

    [Fact]
    public async Task Inserting_without_etag_over_an_existing_state_fails_and_keeps_it()
    {
        await WriteNewAsync(value: 5);

        var blind = new GrainState<SqliteCounterState>(new SqliteCounterState { Value = 6 });
        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, blind));

        (await ReadAsync<SqliteCounterState>()).State!.Value.ShouldBe(5);
    }

    [Fact]
    public async Task An_etag_the_store_never_issued_is_a_conflict()
    {
        await WriteNewAsync(value: 5);

        var forged = new GrainState<SqliteCounterState>(new SqliteCounterState { Value = 6 }) { ETag = "not-a-version" };

        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, forged));
    }

    [Fact]
    public async Task Of_many_concurrent_writers_holding_one_etag_exactly_one_wins()
    {
        var read = await WriteNewAsync(value: 0);
        const int writers = 16;

        var outcomes = await Task.WhenAll(Enumerable.Range(1, writers).Select(async value =>
        {
            var attempt = new GrainState<SqliteCounterState>(new SqliteCounterState { Value = value }) { ETag = read.ETag };
            try
            {
                await storage.WriteStateAsync(StateName, grainId, attempt);
                return (Won: true, Value: value);
            }
            catch (InconsistentStateException)
            {
                return (Won: false, Value: value);
            }
        }));

        outcomes.Count(outcome => outcome.Won).ShouldBe(1);
        (await ReadAsync<SqliteCounterState>()).State!.Value.ShouldBe(outcomes.Single(outcome => outcome.Won).Value);
    }

    [Fact]
    public async Task Clear_resets_the_state_and_a_write_after_it_works()
    {
        var state = await WriteNewAsync(value: 3);

        await storage.ClearStateAsync(StateName, grainId, state);

        state.RecordExists.ShouldBeFalse();
        state.State!.Value.ShouldBe(0);
        var afterClear = await ReadAsync<SqliteCounterState>();
        afterClear.RecordExists.ShouldBeFalse();
        afterClear.State!.Value.ShouldBe(0);
        afterClear.ETag.ShouldBe(state.ETag);

        state.State!.Value = 4;
        await storage.WriteStateAsync(StateName, grainId, state);
        (await ReadAsync<SqliteCounterState>()).State!.Value.ShouldBe(4);
    }

    [Fact]
    public async Task A_write_holding_an_etag_from_before_a_clear_fails()
    {
        await WriteNewAsync(value: 3);
        var stale = await ReadAsync<SqliteCounterState>();
        var clearer = await ReadAsync<SqliteCounterState>();
        await storage.ClearStateAsync(StateName, grainId, clearer);

        stale.State!.Value = 42;
        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, stale));

        var blind = new GrainState<SqliteCounterState>(new SqliteCounterState { Value = 43 });
        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, blind));
        (await ReadAsync<SqliteCounterState>()).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_fails_and_keeps_the_state()
    {
        await WriteNewAsync(value: 3);
        var stale = await ReadAsync<SqliteCounterState>();
        var fresh = await ReadAsync<SqliteCounterState>();
        fresh.State!.Value = 8;
        await storage.WriteStateAsync(StateName, grainId, fresh);

        await Should.ThrowAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, stale));

        (await ReadAsync<SqliteCounterState>()).State!.Value.ShouldBe(8);
    }

    [Fact]
    public async Task Clearing_a_state_never_written_is_harmless()
    {
        var state = new GrainState<SqliteCounterState>();

        await storage.ClearStateAsync(StateName, grainId, state);

        state.ETag.ShouldBeNull();
        state.RecordExists.ShouldBeFalse();
        await WriteNewAsync(value: 1);
    }

    [Fact]
    public async Task A_state_class_renamed_and_moved_still_reads_the_stored_state()
    {
        await WriteNewAsync(value: 11, "kept");

        var renamed = await ReadAsync<MovedCounterSnapshot>();

        renamed.RecordExists.ShouldBeTrue();
        renamed.State!.Value.ShouldBe(11);
        renamed.State!.Entries.ShouldBe(["kept"]);
    }

    [Fact]
    public async Task Creating_the_schema_twice_keeps_the_rows_and_records_the_schema_version()
    {
        await WriteNewAsync(value: 12);

        await new SqliteDatabase(file.CreateOptions()).EnsureCreatedOrThrowAsync(CancellationToken.None);

        (await ReadAsync<SqliteCounterState>()).State!.Value.ShouldBe(12);
        await using var connection = new SqliteConnection($"Data Source={file.DataSource}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        Convert.ToInt32(await command.ExecuteScalarAsync()).ShouldBeGreaterThanOrEqualTo(1);
        command.CommandText = "PRAGMA journal_mode;";
        (await command.ExecuteScalarAsync()).ShouldBe("wal");
    }

    private async Task<GrainState<SqliteCounterState>> WriteNewAsync(int value, params string[] entries)
    {
        var state = new GrainState<SqliteCounterState>(new SqliteCounterState { Value = value, Entries = [.. entries] });
        await storage.WriteStateAsync(StateName, grainId, state);
        state.ETag.ShouldNotBeNull();
        return state;
    }

    private async Task<GrainState<T>> ReadAsync<T>()
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }
}

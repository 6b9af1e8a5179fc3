using Dailyfeed.Errors;
using System.Text;
using System.Text.Json.Nodes;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Orleans.Outbox.Tests.Contracts;

/// <summary>
/// What every <see cref="IGrainStorage"/> must guarantee: ETag-conditioned writes and clears, so two activations of one
/// grain can never overwrite each other. Derived once per provider; xunit builds a fresh store per test.
/// </summary>
public abstract class GrainStorageContractTests : IAsyncLifetime
{
    private const string StateName = "profile";
    private const int RaceRounds = 40;
    private const int Racers = 4;

    private static readonly IReadOnlyList<StreamEvent> NoEvents = [];

    private IGrainStorage? _storage;

    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>The outbox that <see cref="Storage"/> appends to in the same transaction as the state.</summary>
    protected abstract IStreamOutboxStore Outbox { get; }

    protected abstract Task<IGrainStorage> CreateStorageAsync();

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Read_of_a_missing_record_is_null()
    {
        (await Storage.ReadAsync(StateName, NewGrain(), default)).ShouldBeNull();
    }

    [Fact]
    public async Task First_write_with_null_etag_creates_the_record()
    {
        var grain = NewGrain();

        var etag = await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);

        var stored = await Storage.ReadAsync(StateName, grain, default);
        stored.ShouldNotBeNull();
        stored.Etag.ShouldBe(etag);
        ValueOf(stored).ShouldBe(1);
    }

    [Fact]
    public async Task Write_with_the_current_etag_replaces_the_value_and_issues_a_new_etag()
    {
        var grain = NewGrain();
        var first = await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);

        var second = await Storage.WriteAsync(StateName, grain, Json(2), first, NoEvents, default);

        second.ShouldNotBe(first);
        var stored = await Storage.ReadAsync(StateName, grain, default);
        stored!.Etag.ShouldBe(second);
        ValueOf(stored).ShouldBe(2);
    }

    [Fact]
    public async Task Write_with_null_etag_over_an_existing_record_throws_and_keeps_the_value()
    {
        var grain = NewGrain();
        var etag = await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);

        await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteAsync(StateName, grain, Json(2), null, NoEvents, default));

        await ShouldHoldAsync(grain, 1, etag);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_throws_and_keeps_the_value()
    {
        var grain = NewGrain();
        var stale = await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);
        var current = await Storage.WriteAsync(StateName, grain, Json(2), stale, NoEvents, default);

        var error = await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteAsync(StateName, grain, Json(3), stale, NoEvents, default));

        error.Message.ShouldContain(grain.ToString());
        error.Message.ShouldContain(StateName);
        error.Message.ShouldContain(stale);
        await ShouldHoldAsync(grain, 2, current);
    }

    [Fact]
    public async Task Write_with_an_etag_when_no_record_exists_throws()
    {
        var grain = NewGrain();

        await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteAsync(StateName, grain, Json(1), "1", NoEvents, default));

        (await Storage.ReadAsync(StateName, grain, default)).ShouldBeNull();
    }

    [Fact]
    public async Task Write_with_an_etag_the_store_never_issued_throws()
    {
        var grain = NewGrain();
        var etag = await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);

        await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteAsync(StateName, grain, Json(2), "not-an-etag", NoEvents, default));

        await ShouldHoldAsync(grain, 1, etag);
    }

    [Fact]
    public async Task Records_are_keyed_by_state_name_grain_type_and_key()
    {
        var grain = NewGrain();
        await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);

        // Neighbours of the written record must all still look absent (a null-etag write succeeds).
        await Storage.WriteAsync("other-state", grain, Json(2), null, NoEvents, default);
        await Storage.WriteAsync(StateName, grain with { Type = grain.Type + "x" }, Json(3), null, NoEvents, default);
        await Storage.WriteAsync(StateName, grain with { Key = grain.Key + "x" }, Json(4), null, NoEvents, default);

        ValueOf((await Storage.ReadAsync(StateName, grain, default))!).ShouldBe(1);
        ValueOf((await Storage.ReadAsync("other-state", grain, default))!).ShouldBe(2);
    }

    [Fact]
    public async Task Racing_updates_from_the_same_etag_have_exactly_one_winner()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var grain = NewGrain();
            var etag = await Storage.WriteAsync(StateName, grain, Json(0), null, NoEvents, default);

            var outcomes = await RaceAsync(grain, etag);

            await ShouldHaveOneWinnerAsync(grain, outcomes);
        }
    }

    [Fact]
    public async Task Racing_first_writes_have_exactly_one_winner()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var grain = NewGrain();

            var outcomes = await RaceAsync(grain, null);

            await ShouldHaveOneWinnerAsync(grain, outcomes);
        }
    }

    [Fact]
    public async Task Clear_with_the_current_etag_removes_the_record_and_a_null_etag_write_recreates_it()
    {
        var grain = NewGrain();
        var etag = await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);

        await Storage.ClearAsync(StateName, grain, etag, default);

        (await Storage.ReadAsync(StateName, grain, default)).ShouldBeNull();
        await Storage.WriteAsync(StateName, grain, Json(2), null, NoEvents, default);
        ValueOf((await Storage.ReadAsync(StateName, grain, default))!).ShouldBe(2);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_and_keeps_the_record()
    {
        var grain = NewGrain();
        var stale = await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);
        var current = await Storage.WriteAsync(StateName, grain, Json(2), stale, NoEvents, default);

        await Should.ThrowAsync<InconsistentStateException>(() => Storage.ClearAsync(StateName, grain, stale, default));

        await ShouldHoldAsync(grain, 2, current);
    }

    [Fact]
    public async Task Clear_with_null_etag_throws_when_a_record_exists()
    {
        var grain = NewGrain();
        var etag = await Storage.WriteAsync(StateName, grain, Json(1), null, NoEvents, default);

        await Should.ThrowAsync<InconsistentStateException>(() => Storage.ClearAsync(StateName, grain, null, default));

        await ShouldHoldAsync(grain, 1, etag);
    }

    [Fact]
    public async Task Clear_with_null_etag_of_a_missing_record_is_a_no_op()
    {
        var grain = NewGrain();

        await Storage.ClearAsync(StateName, grain, null, default);

        (await Storage.ReadAsync(StateName, grain, default)).ShouldBeNull();
    }

    [Fact]
    public async Task Clear_with_an_etag_of_a_missing_record_throws()
    {
        await Should.ThrowAsync<InconsistentStateException>(() => Storage.ClearAsync(StateName, NewGrain(), "1", default));
    }

    [Fact]
    public async Task A_write_appends_its_events_to_the_outbox_and_a_rejected_write_appends_none()
    {
        var grain = NewGrain();
        var etag = await Storage.WriteAsync(StateName, grain, Json(1), null, [NewEvent(), NewEvent()], default);
        (await Outbox.CountAsync(default)).ShouldBe(2);

        await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteAsync(StateName, grain, Json(2), null, [NewEvent()], default));

        (await Outbox.CountAsync(default)).ShouldBe(2);
        await ShouldHoldAsync(grain, 1, etag);
    }

    [Fact]
    public async Task AppendOutbox_adds_events_without_touching_state()
    {
        await Storage.AppendOutboxAsync([NewEvent()], default);

        (await Outbox.CountAsync(default)).ShouldBe(1);
    }

    [Fact]
    public async Task The_outbox_tells_when_its_oldest_waiting_row_was_created_and_nothing_once_it_is_drained()
    {
        // Rows get their time from the store's clock (the database's for PostgreSQL): allow for a small skew.
        var skew = TimeSpan.FromSeconds(5);
        (await Outbox.OldestCreatedAtAsync(default)).ShouldBeNull();
        var before = DateTimeOffset.UtcNow;

        await Storage.AppendOutboxAsync([NewEvent()], default);
        await Storage.AppendOutboxAsync([NewEvent()], default);

        var oldest = (await Outbox.OldestCreatedAtAsync(default)).ShouldNotBeNull();
        oldest.ShouldBeInRange(before - skew, DateTimeOffset.UtcNow + skew);
        var claimed = await Outbox.ClaimAsync(10, TimeSpan.FromMinutes(1), default);
        claimed.Count.ShouldBe(2);
        await Outbox.CompleteAsync([.. claimed.Select(entry => entry.Sequence)], default);
        (await Outbox.OldestCreatedAtAsync(default)).ShouldBeNull();
    }

    private static GrainId NewGrain() => new("IContractGrain", Guid.NewGuid().ToString("D"));

    private static byte[] Json(int value) => Encoding.UTF8.GetBytes($$"""{"value":{{value}},"name":"n-{{value}}"}""");

    /// <summary>Compares parsed JSON: a JSONB store may reformat the bytes but must keep the document.</summary>
    private static int ValueOf(StoredState stored) => JsonNode.Parse(stored.Payload)!["value"]!.GetValue<int>();

    private static StreamEvent NewEvent() =>
        new(Guid.NewGuid(), "contract-stream", "key", Guid.NewGuid().ToString("N"), "ContractEvent", "contract", "{}", null, DateTimeOffset.UtcNow);

    private async Task ShouldHoldAsync(GrainId grain, int value, string etag)
    {
        var stored = await Storage.ReadAsync(StateName, grain, default);
        stored.ShouldNotBeNull();
        stored.Etag.ShouldBe(etag);
        ValueOf(stored).ShouldBe(value);
    }

    /// <summary>Every racer read <paramref name="expectedEtag"/>; a start gate releases them together so the writes overlap.</summary>
    private async Task<(int Racer, string? Etag)[]> RaceAsync(GrainId grain, string? expectedEtag)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(1, Racers).Select(racer => TryWriteAsync(grain, racer, expectedEtag, gate.Task)).ToList();
        gate.SetResult();
        return await Task.WhenAll(racers);
    }

    private async Task<(int Racer, string? Etag)> TryWriteAsync(GrainId grain, int racer, string? expectedEtag, Task gate)
    {
        await gate;
        try
        {
            return (racer, await Storage.WriteAsync(StateName, grain, Json(racer), expectedEtag, NoEvents, default));
        }
        catch (InconsistentStateException)
        {
            return (racer, null);
        }
    }

    private async Task ShouldHaveOneWinnerAsync(GrainId grain, (int Racer, string? Etag)[] outcomes)
    {
        var winners = outcomes.Where(o => o.Etag is not null).ToList();
        winners.Count.ShouldBe(1);
        await ShouldHoldAsync(grain, winners[0].Racer, winners[0].Etag!);
    }
}

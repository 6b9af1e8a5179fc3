using Dailyfeed.Orleans.Tests.OutboxStorage.Renamed;
using Orleans.Storage;

namespace Dailyfeed.Orleans.Tests.OutboxStorage;

/// <summary>
/// "An acknowledged write has its events", on Orleans: a grain's queued events commit with its state in one transaction
/// of the project's store, a write Orleans reports as failed commits none, and a stale writer loses without losing
/// anyone's change. Run once per store (PostgreSQL, SQLite) by the subclasses below.
/// </summary>
public abstract class OutboxStorageTests(OutboxStorageCluster fixture)
{
    /// <summary>More rows than any test leaves behind, so one claim sees them all.</summary>
    private const int ClaimAtMost = 1_000;

    /// <summary>Long enough that a claimed row is never claimed twice within the test run.</summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan ReactivationLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_acknowledged_write_has_its_event_in_the_outbox_and_its_state_stored()
    {
        var probe = NewProbe();

        await probe.RecordAsync("first");

        (await TakeOutboxAsync(probe)).ShouldBe(["first"]);
        var stored = await ReadStoredAsync(probe);
        stored.RecordExists.ShouldBeTrue();
        stored.State!.Entries.ShouldBe(["first"]);
    }

    [Fact]
    public async Task A_write_that_fails_leaves_no_event()
    {
        var probe = NewProbe();
        await probe.RecordAsync("first");
        await TakeOutboxAsync(probe);
        await WriteBehindTheActivationsBackAsync(probe, "other writer");

        await Should.ThrowAsync<InconsistentStateException>(() => probe.RecordAsync("rejected"));

        (await TakeOutboxAsync(probe)).ShouldBeEmpty();
        (await ReadStoredAsync(probe)).State!.Entries.ShouldBe(["first", "other writer"]);
    }

    [Fact]
    public async Task A_stale_writer_loses_its_activation_and_the_retry_keeps_both_changes()
    {
        var probe = NewProbe();
        await probe.RecordAsync("first");
        var staleActivation = await probe.GetActivationAsync();
        await WriteBehindTheActivationsBackAsync(probe, "other writer");

        await Should.ThrowAsync<InconsistentStateException>(() => probe.RecordAsync("retried"));

        // Orleans drops an activation whose own storage reported the conflict; the next one reads the stored state.
        await Eventually.HoldsAsync(
            async () => await probe.GetActivationAsync() != staleActivation, ReactivationLimit, "the stale activation is replaced");
        (await probe.GetEntriesAsync()).ShouldBe(["first", "other writer"]);
        await probe.RecordAsync("retried");
        (await ReadStoredAsync(probe)).State!.Entries.ShouldBe(["first", "other writer", "retried"]);
        (await TakeOutboxAsync(probe)).ShouldBe(["first", "retried"]);
    }

    [Fact]
    public async Task Flushed_events_are_stored_without_a_state_write()
    {
        var probe = NewProbe();

        await probe.AnnounceAsync("announced");

        (await TakeOutboxAsync(probe)).ShouldBe(["announced"]);
        (await ReadStoredAsync(probe)).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task State_a_grain_stored_reads_into_a_renamed_and_moved_class()
    {
        var probe = NewProbe();
        await probe.RecordAsync("kept");

        var renamed = new GrainState<MovedProbeSnapshot>();
        await fixture.DefaultStorage.ReadStateAsync(OutboxProbeGrain.StateName, probe.GetGrainId(), renamed);

        renamed.RecordExists.ShouldBeTrue();
        renamed.State!.Entries.ShouldBe(["kept"]);
    }

    private IOutboxProbeGrain NewProbe() => fixture.Cluster.Client.GetGrain<IOutboxProbeGrain>(Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Claims every waiting outbox row as a relay would, deletes them (as after a confirmed publish) and returns the
    /// message keys of the probe's events in outbox order.
    /// </summary>
    private async Task<IReadOnlyList<string>> TakeOutboxAsync(IOutboxProbeGrain probe)
    {
        var claimed = await fixture.Outbox.ClaimAsync(ClaimAtMost, ClaimLease, CancellationToken.None);
        await fixture.Outbox.CompleteAsync([.. claimed.Select(entry => entry.Sequence)], CancellationToken.None);
        var key = probe.GetPrimaryKeyString();
        return [.. claimed.Where(entry => entry.Event.Key == key).Select(entry => entry.Event.MessageKey)];
    }

    /// <summary>A second writer (a duplicate activation, a repair job) moves the stored state past the grain's ETag.</summary>
    private async Task WriteBehindTheActivationsBackAsync(IOutboxProbeGrain probe, string entry)
    {
        var current = await ReadStoredAsync(probe);
        current.State!.Entries.Add(entry);
        await fixture.DefaultStorage.WriteStateAsync(OutboxProbeGrain.StateName, probe.GetGrainId(), current);
    }

    private async Task<GrainState<OutboxProbeState>> ReadStoredAsync(IOutboxProbeGrain probe)
    {
        var state = new GrainState<OutboxProbeState>();
        await fixture.DefaultStorage.ReadStateAsync(OutboxProbeGrain.StateName, probe.GetGrainId(), state);
        return state;
    }
}

public sealed class PostgreSqlOutboxStorageTests(PostgreSqlOutboxCluster fixture)
    : OutboxStorageTests(fixture), IClassFixture<PostgreSqlOutboxCluster>;

public sealed class SqliteOutboxStorageTests(SqliteOutboxCluster fixture)
    : OutboxStorageTests(fixture), IClassFixture<SqliteOutboxCluster>;

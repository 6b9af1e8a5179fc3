using Dailyfeed.Runtime.Membership;

namespace Dailyfeed.Runtime.Providers.Tests.Contracts;

/// <summary>
/// What every <see cref="IMembershipTable"/> must guarantee: liveness is a lease renewed by heartbeats and judged by
/// the store's clock. Uses real time with a short lease; each test gets a fresh, empty table.
/// </summary>
public abstract class MembershipTableContractTests : IAsyncLifetime
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    /// <summary>Long enough past <see cref="Lease"/> that timer and clock granularity cannot blur the verdict.</summary>
    private static readonly TimeSpan PastLease = TimeSpan.FromSeconds(1.6);

    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);

    /// <summary>The coarsest timestamp precision of any provider (SQLite stores Unix milliseconds).</summary>
    private static readonly TimeSpan TimestampPrecision = TimeSpan.FromMilliseconds(1);

    private IMembershipTable? _table;

    protected IMembershipTable Table => _table ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected abstract Task<IMembershipTable> CreateTableAsync();

    public async Task InitializeAsync() => _table = await CreateTableAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_joined_silo_is_live_with_the_row_it_joined_with()
    {
        var entry = NewEntry("silo-a", ["default", "feed"]);

        await Table.JoinAsync(entry, default);

        var live = (await Table.ReadLiveAsync(Lease, default)).ShouldHaveSingleItem();
        live.SiloId.ShouldBe(entry.SiloId);
        live.Address.ShouldBe(entry.Address);
        live.Pools.ShouldBe(entry.Pools);
        live.Status.ShouldBe(SiloStatus.Active);
        (live.StartedAt - entry.StartedAt).Duration().ShouldBeLessThanOrEqualTo(TimestampPrecision);
    }

    [Fact]
    public async Task A_silo_without_pools_round_trips_an_empty_list()
    {
        await Table.JoinAsync(NewEntry("silo-a", []), default);

        (await Table.ReadLiveAsync(Lease, default)).ShouldHaveSingleItem().Pools.ShouldBeEmpty();
    }

    [Fact]
    public async Task Join_stamps_a_fresh_heartbeat_whatever_the_caller_claims()
    {
        // A caller with a badly skewed clock must not be able to join as already dead.
        var entry = NewEntry("silo-a", ["default"]) with { LastHeartbeat = DateTimeOffset.UtcNow - TimeSpan.FromHours(1) };

        await Table.JoinAsync(entry, default);

        (await Table.ReadLiveAsync(Lease, default)).ShouldHaveSingleItem().SiloId.ShouldBe("silo-a");
    }

    [Fact]
    public async Task Joining_again_replaces_the_row()
    {
        await Table.JoinAsync(NewEntry("silo-a", ["default"]), default);
        await Table.SetStatusAsync("silo-a", SiloStatus.Leaving, default);

        await Table.JoinAsync(NewEntry("silo-a", ["feed"]) with { Address = "10.0.0.9:7000" }, default);

        var live = (await Table.ReadLiveAsync(Lease, default)).ShouldHaveSingleItem();
        live.Address.ShouldBe("10.0.0.9:7000");
        live.Pools.ShouldBe(["feed"]);
        live.Status.ShouldBe(SiloStatus.Active);
    }

    [Fact]
    public async Task The_lease_expires_without_heartbeats_and_a_heartbeat_renews_it()
    {
        await Table.JoinAsync(NewEntry("silo-a", ["default"]), default);
        var joined = (await Table.ReadLiveAsync(Lease, default)).ShouldHaveSingleItem();

        await Task.Delay(PastLease);
        (await Table.ReadLiveAsync(Lease, default)).ShouldBeEmpty();
        (await Table.ReadLiveAsync(LongLease, default)).ShouldHaveSingleItem();

        (await Table.HeartbeatAsync("silo-a", default)).ShouldBeTrue();
        var renewed = (await Table.ReadLiveAsync(Lease, default)).ShouldHaveSingleItem();
        renewed.LastHeartbeat.ShouldBeGreaterThan(joined.LastHeartbeat);
    }

    [Fact]
    public async Task Heartbeat_of_an_unknown_silo_returns_false()
    {
        (await Table.HeartbeatAsync("nobody", default)).ShouldBeFalse();
    }

    [Fact]
    public async Task SetStatus_changes_the_status_only_of_that_silo()
    {
        await Table.JoinAsync(NewEntry("silo-a", ["default"]), default);
        await Table.JoinAsync(NewEntry("silo-b", ["default"]), default);

        await Table.SetStatusAsync("silo-a", SiloStatus.Leaving, default);

        var live = (await Table.ReadLiveAsync(Lease, default)).ToDictionary(e => e.SiloId);
        live["silo-a"].Status.ShouldBe(SiloStatus.Leaving);
        live["silo-b"].Status.ShouldBe(SiloStatus.Active);
    }

    [Fact]
    public async Task SetStatus_of_an_unknown_silo_does_not_create_a_row()
    {
        await Table.SetStatusAsync("nobody", SiloStatus.Leaving, default);

        (await Table.ReadLiveAsync(LongLease, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Leave_removes_the_row_and_later_heartbeats_report_eviction()
    {
        await Table.JoinAsync(NewEntry("silo-a", ["default"]), default);
        await Table.JoinAsync(NewEntry("silo-b", ["default"]), default);

        await Table.LeaveAsync("silo-a", default);

        (await Table.ReadLiveAsync(LongLease, default)).ShouldHaveSingleItem().SiloId.ShouldBe("silo-b");
        (await Table.HeartbeatAsync("silo-a", default)).ShouldBeFalse();
    }

    [Fact]
    public async Task DeleteExpired_removes_only_silos_past_the_lease()
    {
        await Table.JoinAsync(NewEntry("silo-dead", ["default"]), default);
        await Table.JoinAsync(NewEntry("silo-alive", ["default"]), default);
        await Task.Delay(PastLease);
        (await Table.HeartbeatAsync("silo-alive", default)).ShouldBeTrue();

        (await Table.DeleteExpiredAsync(Lease, default)).ShouldBe(1);

        (await Table.ReadLiveAsync(LongLease, default)).ShouldHaveSingleItem().SiloId.ShouldBe("silo-alive");
        (await Table.HeartbeatAsync("silo-dead", default)).ShouldBeFalse();
        (await Table.DeleteExpiredAsync(Lease, default)).ShouldBe(0);
    }

    protected static SiloEntry NewEntry(string siloId, IReadOnlyList<string> pools)
    {
        // Whole milliseconds, so the round trip is exact in every store.
        var startedAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return new SiloEntry(siloId, "127.0.0.1:7001", pools, SiloStatus.Active, startedAt, startedAt);
    }
}

using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using static Dailyfeed.Orleans.Tests.Pools.PlacementAssertions;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>Two write silos and two read silos, each told its pools through <c>AddGrainPools(pools)</c>.</summary>
public sealed class SplitPoolsCluster : IAsyncLifetime
{
    public PoolCluster Pools { get; private set; } = null!;

    public async Task InitializeAsync() => Pools = await PoolCluster.DeployAsync(
    [
        [GrainPools.Write],
        [GrainPools.Write],
        [GrainPools.Read],
        [GrainPools.Read],
    ]);

    public async Task DisposeAsync() => await Pools.DisposeAsync();
}

public sealed class SplitPoolsTests(SplitPoolsCluster fixture) : IClassFixture<SplitPoolsCluster>
{
    private const int Count = 100;
    private readonly PoolCluster _cluster = fixture.Pools;

    [Fact]
    public async Task Client_calls_place_read_and_write_grains_only_on_silos_of_their_pool()
    {
        // A client call is placed by whichever gateway silo it enters through, write or read.
        var readers = await Task.WhenAll(Keys(1_000, Count).Select(k => _cluster.Client.GetGrain<IReadProbeGrain>(k).WhereAsync()));
        var writers = await Task.WhenAll(Keys(1_000, Count).Select(k => _cluster.Client.GetGrain<IWriteProbeGrain>(k).WhereAsync()));

        _cluster.ShouldAllServe(readers, GrainPools.Read, "read grains activated by client calls");
        _cluster.ShouldAllServe(writers, GrainPools.Write, "write grains activated by client calls");
    }

    [Fact]
    public async Task Calls_from_a_write_grain_place_read_grains_on_read_silos()
    {
        var caller = _cluster.Client.GetGrain<IWriteProbeGrain>(2_000);
        var callerSilo = await caller.WhereAsync();
        _cluster.PoolsOf(callerSilo).ShouldBe([GrainPools.Write], "the placing silo must be outside the read pool");

        var readers = await caller.WhereAreAsync(ProbeKind.Read, Keys(2_000, Count));

        _cluster.ShouldAllServe(readers, GrainPools.Read, "read grains activated from a write grain");
    }

    [Fact]
    public async Task Calls_from_a_read_grain_place_write_grains_on_write_silos()
    {
        var caller = _cluster.Client.GetGrain<IReadProbeGrain>(3_000);
        var callerSilo = await caller.WhereAsync();
        _cluster.PoolsOf(callerSilo).ShouldBe([GrainPools.Read], "the placing silo must be outside the write pool");

        var writers = await caller.WhereAreAsync(ProbeKind.Write, Keys(3_000, Count));

        _cluster.ShouldAllServe(writers, GrainPools.Write, "write grains activated from a read grain");
    }

    [Fact]
    public async Task Grains_without_a_pool_keep_default_placement_on_any_silo()
    {
        // Which silo default placement picks depends on load and on the client's gateway, so counting where 100 grains
        // land is not deterministic. What must hold is that every silo, of either pool, is a candidate; a placement
        // hint is followed exactly when its silo is one.
        var hosts = new List<SiloAddress>();
        foreach (var (silo, key) in _cluster.Cluster.Silos.Select((s, i) => (s.SiloAddress, 4_000L + i)))
        {
            hosts.Add(await WithPlacementHint(silo, () => _cluster.Client.GetGrain<IUnpooledProbeGrain>(key).WhereAsync()));
        }

        hosts.ShouldBe(_cluster.Cluster.Silos.Select(s => s.SiloAddress));
    }

    [Fact]
    public async Task A_placement_hint_naming_a_silo_of_the_other_pool_is_ignored()
    {
        var writeSilo = _cluster.Silo(0).SiloAddress;
        var readSilo = _cluster.Silo(3).SiloAddress;

        var hintedToWriteSilo = await WithPlacementHint(writeSilo, () => _cluster.Client.GetGrain<IReadProbeGrain>(5_000).WhereAsync());
        var hintedToReadSilo = await WithPlacementHint(readSilo, () => _cluster.Client.GetGrain<IReadProbeGrain>(5_001).WhereAsync());
        var writerHintedToWriteSilo = await WithPlacementHint(writeSilo, () => _cluster.Client.GetGrain<IWriteProbeGrain>(5_000).WhereAsync());

        _cluster.PoolsOf(hintedToWriteSilo).ShouldBe([GrainPools.Read]);
        hintedToReadSilo.ShouldBe(readSilo, "a hint within the pool is followed");
        writerHintedToWriteSilo.ShouldBe(writeSilo, "a hint within the pool is followed");
    }

    private static async Task<SiloAddress> WithPlacementHint(SiloAddress silo, Func<Task<SiloAddress>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}

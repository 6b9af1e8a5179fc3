using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using static Dailyfeed.Orleans.Tests.Pools.PlacementAssertions;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>
/// Silo_0 serves both pools and Silo_1 only the write pool, both configured as in production: configuration
/// <c>Orleans:Metadata:pools</c> (plus a <c>zone</c> key) read by <c>AddGrainPools()</c>.
/// </summary>
public sealed class SharedSiloCluster : IAsyncLifetime
{
    public PoolCluster Pools { get; private set; } = null!;

    public async Task InitializeAsync() => Pools = await PoolCluster.DeployAsync(
        [[GrainPools.Read, GrainPools.Write], [GrainPools.Write]],
        PoolSource.Configuration);

    public async Task DisposeAsync() => await Pools.DisposeAsync();
}

public sealed class SharedSiloTests(SharedSiloCluster fixture) : IClassFixture<SharedSiloCluster>
{
    private readonly PoolCluster _cluster = fixture.Pools;

    [Fact]
    public async Task Read_grains_all_land_on_the_only_silo_serving_the_read_pool()
    {
        var shared = _cluster.Silo(0).SiloAddress;

        var readers = await Task.WhenAll(Keys(1_000, 50).Select(k => _cluster.Client.GetGrain<IReadProbeGrain>(k).WhereAsync()));
        var writer = _cluster.Client.GetGrain<IWriteProbeGrain>(1_000);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, _cluster.Silo(1).SiloAddress);
        var writerSilo = await writer.WhereAsync();
        RequestContext.Clear();
        var fromWriteGrain = await writer.WhereAreAsync(ProbeKind.Read, Keys(1_100, 50));

        writerSilo.ShouldBe(_cluster.Silo(1).SiloAddress, "the read grains are placed from the write-only silo");
        readers.Distinct().ShouldBe([shared]);
        fromWriteGrain.Distinct().ShouldBe([shared]);
    }

    [Fact]
    public async Task A_silo_serving_both_pools_hosts_both_kinds()
    {
        var shared = _cluster.Silo(0).SiloAddress;
        var writeOnly = _cluster.Silo(1).SiloAddress;

        // The placement hint pins the choice among the silos the filter keeps, so the outcome is deterministic.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, shared);
        var writer = await _cluster.Client.GetGrain<IWriteProbeGrain>(2_000).WhereAsync();
        RequestContext.Set(IPlacementDirector.PlacementHintKey, writeOnly);
        var reader = await _cluster.Client.GetGrain<IReadProbeGrain>(2_000).WhereAsync();
        RequestContext.Clear();

        writer.ShouldBe(shared);
        reader.ShouldBe(shared, "the write-only silo named by the hint is filtered out");
    }

    [Fact]
    public void Configured_pools_and_other_metadata_keys_are_published_to_other_silos()
    {
        var cache = _cluster.Silo(1).ServiceProvider.GetRequiredService<ISiloMetadataCache>();

        var metadata = cache.GetSiloMetadata(_cluster.Silo(0).SiloAddress).Metadata;

        metadata["pools"].ShouldBe("read,write");
        metadata["zone"].ShouldBe("Silo_0");
    }
}

/// <summary>The embedded default: one silo serving both pools.</summary>
public sealed class EmbeddedSiloCluster : IAsyncLifetime
{
    public PoolCluster Pools { get; private set; } = null!;

    public async Task InitializeAsync() => Pools = await PoolCluster.DeployAsync([[.. GrainPools.All]]);

    public async Task DisposeAsync() => await Pools.DisposeAsync();
}

public sealed class EmbeddedSiloTests(EmbeddedSiloCluster fixture) : IClassFixture<EmbeddedSiloCluster>
{
    private readonly PoolCluster _cluster = fixture.Pools;

    [Fact]
    public async Task One_silo_serving_both_pools_hosts_read_write_and_unmarked_grains()
    {
        var only = _cluster.Silo(0).SiloAddress;

        var hosts = await Task.WhenAll(
            Enum.GetValues<ProbeKind>().SelectMany(kind => Keys(1, 20).Select(k => Probes.Get(_cluster.Client, kind, k).WhereAsync())));
        var reader = _cluster.Client.GetGrain<IReadProbeGrain>(1);
        var fromReadGrain = await reader.WhereAreAsync(ProbeKind.Write, Keys(100, 20));

        hosts.Distinct().ShouldBe([only]);
        fromReadGrain.Distinct().ShouldBe([only]);
    }
}

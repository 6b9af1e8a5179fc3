using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;
using static Dailyfeed.Orleans.Tests.Pools.PlacementAssertions;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>Two write silos and no read silo: the read pool is down.</summary>
public sealed class WriteOnlyCluster : IAsyncLifetime
{
    public PoolCluster Pools { get; private set; } = null!;

    public async Task InitializeAsync() => Pools = await PoolCluster.DeployAsync([[GrainPools.Write], [GrainPools.Write]]);

    public async Task DisposeAsync() => await Pools.DisposeAsync();
}

public sealed class MissingPoolTests(WriteOnlyCluster fixture) : IClassFixture<WriteOnlyCluster>
{
    private readonly PoolCluster _cluster = fixture.Pools;

    [Fact]
    public async Task A_client_call_to_a_read_grain_fails_with_NoSiloInPoolException_and_activates_nothing()
    {
        var reader = _cluster.Client.GetGrain<IReadProbeGrain>(1);

        var failure = await Should.ThrowAsync<NoSiloInPoolException>(() => reader.WhereAsync());
        await Should.ThrowAsync<NoSiloInPoolException>(() => reader.WhereAsync()); // placement is retried, not cached

        failure.Pool.ShouldBe(GrainPools.Read);
        failure.GrainType.ShouldBe("readprobe");
        failure.Message.ShouldStartWith("No active silo serves the 'read' pool that grain type 'readprobe' needs");
        failure.ShouldBeAssignableTo<OrleansException>();
        _cluster.Cluster.TryGetGrainContext(reader.GetGrainId(), out _).ShouldBeFalse();
        (await ActivationsOf<ReadProbeGrain>()).ShouldBe(0);
    }

    [Fact]
    public async Task A_write_grain_calling_a_read_grain_gets_NoSiloInPoolException_back_to_its_caller()
    {
        var writer = _cluster.Client.GetGrain<IWriteProbeGrain>(2);

        var failure = await Should.ThrowAsync<NoSiloInPoolException>(() => writer.WhereAreAsync(ProbeKind.Read, Keys(2_000, 10)));

        failure.Pool.ShouldBe(GrainPools.Read);
        (await ActivationsOf<ReadProbeGrain>()).ShouldBe(0);
    }

    [Fact]
    public async Task Write_grains_and_grains_without_a_pool_still_work()
    {
        var writers = await Task.WhenAll(Keys(3_000, 20).Select(k => _cluster.Client.GetGrain<IWriteProbeGrain>(k).WhereAsync()));
        var unpooled = await Task.WhenAll(Keys(3_000, 20).Select(k => _cluster.Client.GetGrain<IUnpooledProbeGrain>(k).WhereAsync()));

        _cluster.ShouldAllServe(writers, GrainPools.Write, "write grains");
        unpooled.Length.ShouldBe(20);
    }

    private async Task<int> ActivationsOf<TGrain>()
    {
        var statistics = await _cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType == typeof(TGrain).FullName).Sum(s => s.ActivationCount);
    }
}

using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Pools.Broadcast;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>A pool broadcast reaches each silo of its pool once, and no silo outside it.</summary>
public sealed class PoolBroadcastTests(SplitPoolsCluster fixture) : IClassFixture<SplitPoolsCluster>
{
    private readonly PoolCluster _cluster = fixture.Pools;

    [Theory]
    [InlineData(GrainPools.Read)]
    [InlineData(GrainPools.Write)]
    public async Task Every_silo_of_the_pool_handles_a_broadcast_once_whichever_silo_sends_it(string pool)
    {
        var expected = _cluster.Cluster.Silos.Where(s => _cluster.PoolsOf(s.SiloAddress).Contains(pool)).Select(s => s.Name).Order().ToList();
        foreach (var sender in _cluster.Cluster.Silos)
        {
            var message = new ProbeBroadcast(Guid.NewGuid());

            var result = await sender.ServiceProvider.GetRequiredService<IPoolBroadcast>().SendAsync(pool, message);

            result.ShouldBe(new PoolBroadcastResult(Delivered: 2, Failed: 0));
            ProbeBroadcastHandler.Received[message.Id].Order().ToList().ShouldBe(expected, $"sent from {sender.Name}");
        }
    }
}

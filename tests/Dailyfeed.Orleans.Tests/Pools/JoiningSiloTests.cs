using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>
/// The start-up window: a read silo joins a cluster of one write silo while read grains are being called through the
/// write silo (the client's only gateway), before, while and after the write silo learns the newcomer's pools.
/// </summary>
public sealed class JoiningSiloTests(ITestOutputHelper output)
{
    [Fact]
    public async Task While_a_read_silo_joins_read_grains_land_on_it_or_fail_as_unavailable_never_on_the_write_silo()
    {
        await using var cluster = await PoolCluster.DeployAsync([[GrainPools.Write], [GrainPools.Read]], start: 1);
        var writeSilo = cluster.Silo(0).SiloAddress;

        await Should.ThrowAsync<NoSiloInPoolException>(() => cluster.Client.GetGrain<IReadProbeGrain>(-1).WhereAsync());

        var joining = cluster.Cluster.StartAdditionalSiloAsync();
        var placed = new List<SiloAddress>();
        var unavailable = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var key = 0L; placed.Count < 20 && DateTime.UtcNow < deadline; key++)
        {
            try
            {
                placed.Add(await cluster.Client.GetGrain<IReadProbeGrain>(key).WhereAsync());
            }
            catch (NoSiloInPoolException failure) when (failure.Pool == GrainPools.Read)
            {
                unavailable++;
            }
        }

        var readSilo = (await joining).SiloAddress;
        output.WriteLine($"{unavailable} call(s) failed as unavailable before the read silo had joined and published its pools.");
        placed.Count.ShouldBe(20, $"the joined read silo should take read grains ({unavailable} calls were unavailable)");
        placed.Distinct().ShouldBe([readSilo]);
        placed.ShouldNotContain(writeSilo);
    }
}

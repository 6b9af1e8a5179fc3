using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.Pools;

internal static class PlacementAssertions
{
    /// <summary>Every address is a silo whose layout lists <paramref name="pool"/>.</summary>
    public static void ShouldAllServe(this PoolCluster cluster, IEnumerable<SiloAddress> hosts, string pool, string what)
    {
        var strays = hosts
            .Where(host => !cluster.PoolsOf(host).Contains(pool))
            .Select(host => $"{cluster.NameOf(host)} [{string.Join(",", cluster.PoolsOf(host))}]")
            .Distinct()
            .ToArray();
        strays.ShouldBeEmpty($"{what} must live only on silos serving '{pool}'");
    }

    public static long[] Keys(long first, int count) => Enumerable.Range(0, count).Select(i => first + i).ToArray();
}

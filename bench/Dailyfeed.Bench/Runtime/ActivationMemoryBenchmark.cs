using Dailyfeed.Bench.Grains;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Managed heap bytes per idle activation, measured across a large population after a full compacting GC.</summary>
public static class ActivationMemoryBenchmark
{
    private const int Batch = 1_000;
    private const long TwoGigabytes = 2L * 1024 * 1024 * 1024;

    public sealed record Result(int Activations, double BytesPerActivation, long ActivationsIn2Gb);

    public static async Task<Result> RunAsync(int activations)
    {
        await using var cluster = await BenchCluster.DeployAsync(silos: 1);
        var factory = cluster.Silos[0].GrainFactory;
        await factory.GetGrain<IPingGrain>(-1).PingAsync();
        var before = SettledHeapBytes();
        for (var start = 0; start < activations; start += Batch)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(Batch, activations - start)).Select(i => factory.GetGrain<IPingGrain>(i).PingAsync()));
        }

        var after = SettledHeapBytes();
        var perActivation = (after - before) / (double)activations;
        GC.KeepAlive(cluster);
        return new Result(activations, perActivation, (long)(TwoGigabytes / perActivation));
    }

    private static long SettledHeapBytes()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

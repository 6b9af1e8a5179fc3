using Dailyfeed.Bench.Grains;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Managed heap bytes per idle activation, measured across a large population after a full compacting GC.</summary>
public static class ActivationMemoryBenchmark
{
    private const long TwoGigabytes = 2L * 1024 * 1024 * 1024;

    public sealed record Result(int Activations, double BytesPerActivation, long ActivationsIn2Gb);

    public static async Task<Result> RunAsync(RuntimeBenchOptions options)
    {
        await using var silo = await BenchSilo.StartAsync(options);
        var factory = silo.GrainFactory;
        // One activation first, so the silo's one-time structures (grain type, invoker, directory partition) are in the baseline.
        await factory.GetGrain<IPingGrain>(-1).PingAsync();
        var before = SettledHeapBytes();
        var activations = options.Activations;
        for (var start = 0; start < activations; start += options.ActivationBatch)
        {
            var count = Math.Min(options.ActivationBatch, activations - start);
            await Task.WhenAll(Enumerable.Range(start, count).Select(i => factory.GetGrain<IPingGrain>(i).PingAsync()));
        }

        var after = SettledHeapBytes();
        var perActivation = (after - before) / (double)activations;
        GC.KeepAlive(silo);
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

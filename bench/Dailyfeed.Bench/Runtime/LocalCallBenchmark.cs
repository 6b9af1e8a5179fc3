using System.Diagnostics;
using Dailyfeed.Bench.Grains;

namespace Dailyfeed.Bench.Runtime;

/// <summary>
/// Grain-to-grain calls per second inside one silo: each caller loop is a <see cref="CallerGrain"/> awaiting its own
/// ping grains one call at a time, and the loops run side by side.
/// </summary>
public static class LocalCallBenchmark
{
    /// <summary>One measured rate, with the managed bytes the whole process allocated per call while it ran.</summary>
    public sealed record Result(int Callers, double CallsPerSecond, double AllocatedBytesPerCall);

    public static async Task<IReadOnlyList<Result>> RunAsync(RuntimeBenchOptions options)
    {
        await using var silo = await BenchSilo.StartAsync(options);
        var results = new List<Result>();
        foreach (var callers in options.LocalCallerLoops)
        {
            await MeasureAsync(silo, options, callers, options.Warmup);
            results.Add(await MeasureAsync(silo, options, callers, options.Duration));
        }

        return results;
    }

    private static async Task<Result> MeasureAsync(BenchSilo silo, RuntimeBenchOptions options, int callers, TimeSpan duration)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        // Each loop gets its own range of ping grains, so loops never queue behind one another on an activation.
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => silo.GrainFactory
            .GetGrain<ICallerGrain>(c)
            .CallForAsync((long)c * options.PingGrainsPerCaller, options.PingGrainsPerCaller, duration)));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var calls = counts.Sum();
        return new Result(callers, calls / elapsed, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)calls);
    }
}

using System.Diagnostics;
using Dailyfeed.Bench.Grains;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Calls per second through grain references to activations on the caller's own silo.</summary>
public static class LocalCallBenchmark
{
    private const int Grains = 1_000;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<(int Callers, double CallsPerSecond)>> RunAsync()
    {
        await using var cluster = await BenchCluster.DeployAsync(silos: 1);
        var factory = cluster.Silos[0].GrainFactory;
        var grains = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
        var results = new List<(int, double)>();
        foreach (var callers in new[] { 1, Environment.ProcessorCount })
        {
            await MeasureAsync(grains, callers, Warmup);
            results.Add((callers, await MeasureAsync(grains, callers, Duration)));
        }

        return results;
    }

    private static async Task<double> MeasureAsync(IPingGrain[] grains, int callers, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            long calls = 0;
            var i = c;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                for (var batch = 0; batch < Grains; batch++)
                {
                    await grains[i++ % Grains].PingAsync();
                }

                calls += Grains;
            }

            return calls;
        })));
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

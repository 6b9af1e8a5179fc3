using System.Diagnostics;
using Dailyfeed.Bench.Grains;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Latency of one call from a cluster client to a silo over loopback HTTP/2, and throughput with many callers.</summary>
public static class CrossSiloLatencyBenchmark
{
    private const int WarmupCalls = 5_000;
    private const int MeasuredCalls = 20_000;
    private const int ConcurrentCallers = 32;
    private static readonly TimeSpan ThroughputDuration = TimeSpan.FromSeconds(5);

    public sealed record Result(double P50, double P90, double P99, double Max, double ConcurrentCallsPerSecond);

    public static async Task<Result> RunAsync()
    {
        await using var cluster = await BenchCluster.DeployAsync(silos: 2);
        var grain = cluster.Client.GetGrain<IPingGrain>(42);
        for (var i = 0; i < WarmupCalls; i++)
        {
            await grain.PingAsync();
        }

        var recorder = new LatencyRecorder(MeasuredCalls);
        for (var i = 0; i < MeasuredCalls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await grain.PingAsync();
            recorder.Record(Stopwatch.GetTimestamp() - start);
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(ThroughputDuration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, ConcurrentCallers).Select(c => Task.Run(async () =>
        {
            var target = cluster.Client.GetGrain<IPingGrain>(c);
            long calls = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await target.PingAsync();
                calls++;
            }

            return calls;
        })));
        var throughput = counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new Result(recorder.PercentileMicros(50), recorder.PercentileMicros(90), recorder.PercentileMicros(99), recorder.MaxMicros, throughput);
    }
}

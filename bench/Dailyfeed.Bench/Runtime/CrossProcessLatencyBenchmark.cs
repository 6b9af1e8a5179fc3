using System.Diagnostics;
using Dailyfeed.Bench.Grains;

namespace Dailyfeed.Bench.Runtime;

/// <summary>
/// Latency of one call from an Orleans client to a grain over loopback TCP (client host -> silo gateway port, same
/// process, separate hosts), and throughput with many concurrent callers.
/// </summary>
public static class CrossProcessLatencyBenchmark
{
    /// <param name="AllocatedBytesPerCall">Managed bytes allocated per concurrent call by client and silo together (one process).</param>
    public sealed record Result(double P50, double P90, double P99, double Max, int Callers, double ConcurrentCallsPerSecond, double AllocatedBytesPerCall);

    public static async Task<Result> RunAsync(RuntimeBenchOptions options)
    {
        await using var silo = await BenchSilo.StartAsync(options);
        await using var client = await BenchClient.ConnectAsync(options);
        var grain = client.Client.GetGrain<IPingGrain>(0);
        for (var i = 0; i < options.LatencyWarmupCalls; i++)
        {
            await grain.PingAsync();
        }

        var recorder = new LatencyRecorder(options.LatencyMeasuredCalls);
        for (var i = 0; i < options.LatencyMeasuredCalls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await grain.PingAsync();
            recorder.Record(Stopwatch.GetTimestamp() - start);
        }

        await MeasureThroughputAsync(client, options, options.Warmup);
        var (throughput, allocated) = await MeasureThroughputAsync(client, options, options.Duration);
        return new Result(recorder.PercentileMicros(50), recorder.PercentileMicros(90), recorder.PercentileMicros(99), recorder.MaxMicros, options.ConcurrentCallers, throughput, allocated);
    }

    private static async Task<(double CallsPerSecond, double AllocatedBytesPerCall)> MeasureThroughputAsync(BenchClient client, RuntimeBenchOptions options, TimeSpan duration)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, options.ConcurrentCallers).Select(c => Task.Run(async () =>
        {
            var target = client.Client.GetGrain<IPingGrain>(c);
            long calls = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await target.PingAsync();
                calls++;
            }

            return calls;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var calls = counts.Sum();
        return (calls / elapsed, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)calls);
    }
}

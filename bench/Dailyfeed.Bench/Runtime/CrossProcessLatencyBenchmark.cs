using System.Diagnostics;
using Dailyfeed.Bench.Grains;

namespace Dailyfeed.Bench.Runtime;

/// <summary>
/// Latency of one call from an Orleans client to a grain over loopback TCP (client host -> silo gateway port, same
/// process, separate hosts), and throughput with many concurrent callers.
/// </summary>
public static class CrossProcessLatencyBenchmark
{
    public sealed record Result(double P50, double P90, double P99, double Max, int Callers, double ConcurrentCallsPerSecond);

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
        var throughput = await MeasureThroughputAsync(client, options, options.Duration);
        return new Result(recorder.PercentileMicros(50), recorder.PercentileMicros(90), recorder.PercentileMicros(99), recorder.MaxMicros, options.ConcurrentCallers, throughput);
    }

    private static async Task<double> MeasureThroughputAsync(BenchClient client, RuntimeBenchOptions options, TimeSpan duration)
    {
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
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

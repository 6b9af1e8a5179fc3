using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using HdrHistogram;

namespace Dailyfeed.Bench.Social;

/// <summary>Latency and throughput of one operation in one open-loop run.</summary>
public sealed record OperationResult(string Operation, long Requests, long Errors, double AchievedPerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs);

/// <summary>
/// Open-loop load: requests start at fixed intervals whatever the platform's speed, and each latency is measured from
/// the moment the request was due, not from when it was sent, so a stall is charged to every request it delayed
/// (no coordinated omission).
/// </summary>
public static class OpenLoopRunner
{
    private const long HighestTrackableMicros = 60_000_000;

    public static async Task<IReadOnlyList<OperationResult>> RunAsync(
        int ratePerSecond, TimeSpan duration, IReadOnlyList<(string Name, double Share, Func<Random, Task<HttpStatusCode>> Send)> mix, int seed)
    {
        var histograms = mix.ToDictionary(m => m.Name, _ => new LongConcurrentHistogram(1, HighestTrackableMicros, 3));
        var errors = mix.ToDictionary(m => m.Name, _ => new StrongBox<long>());
        var random = new Random(seed);
        var total = (long)(ratePerSecond * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / (double)ratePerSecond;
        var inFlight = new List<Task>((int)Math.Min(total, 1_000_000));
        var start = Stopwatch.GetTimestamp();

        // A thread of its own dispatches every request that has come due, then sleeps a millisecond: spinning would
        // steal a core from the platform on a 2-core machine, and Task.Delay(1) rides the timer queue, which naps
        // ~4 ms here and would charge up to that to requests that were merely sent late. Latency counts from the due
        // time, so a late dispatch is charged, never hidden.
        await Task.Factory.StartNew(
            () =>
            {
                for (long i = 0; i < total;)
                {
                    var now = Stopwatch.GetTimestamp();
                    for (; i < total && start + (long)(i * interval) <= now; i++)
                    {
                        var due = start + (long)(i * interval);
                        var operation = Pick(mix, random.NextDouble());
                        inFlight.Add(SendAsync(operation, new Random(random.Next()), due, histograms[operation.Name], errors[operation.Name]));
                    }

                    Thread.Sleep(1);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        await Task.WhenAll(inFlight);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return mix.Select(m =>
        {
            var h = histograms[m.Name];
            return new OperationResult(m.Name, h.TotalCount, errors[m.Name].Value, h.TotalCount / elapsed,
                Ms(h, 50), Ms(h, 95), Ms(h, 99), h.GetMaxValue() / 1000.0);
        }).ToList();
    }

    private static double Ms(HistogramBase histogram, double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;

    private static (string Name, double Share, Func<Random, Task<HttpStatusCode>> Send) Pick(
        IReadOnlyList<(string Name, double Share, Func<Random, Task<HttpStatusCode>> Send)> mix, double roll)
    {
        foreach (var entry in mix)
        {
            if (roll < entry.Share)
            {
                return entry;
            }

            roll -= entry.Share;
        }

        return mix[^1];
    }

    private static async Task SendAsync(
        (string Name, double Share, Func<Random, Task<HttpStatusCode>> Send) operation, Random random, long due, LongConcurrentHistogram latencies, StrongBox<long> errors)
    {
        await Task.Yield();
        HttpStatusCode status;
        try
        {
            status = await operation.Send(random);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }

        var micros = (Stopwatch.GetTimestamp() - due) * 1_000_000 / Stopwatch.Frequency;
        latencies.RecordValue(Math.Clamp(micros, 1, HighestTrackableMicros));
        if ((int)status is < 200 or >= 300)
        {
            Interlocked.Increment(ref errors.Value);
        }
    }

}

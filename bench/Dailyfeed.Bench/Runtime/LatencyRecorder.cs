using System.Diagnostics;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Collects per-call latencies (Stopwatch ticks) and reports percentiles in microseconds.</summary>
public sealed class LatencyRecorder(int capacity)
{
    private readonly List<long> _ticks = new(capacity);

    public void Record(long elapsedTicks) => _ticks.Add(elapsedTicks);

    public double PercentileMicros(double percentile)
    {
        var sorted = _ticks.Order().ToArray();
        var index = (int)Math.Clamp(Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1_000_000.0 / Stopwatch.Frequency;
    }

    public double MaxMicros => _ticks.Max() * 1_000_000.0 / Stopwatch.Frequency;
}

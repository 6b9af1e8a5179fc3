using System.Globalization;

namespace Dailyfeed.Bench.Social;

/// <summary>The platform's managed allocation and GC pause totals, as its GET /metrics reports them (the .NET runtime's meter).</summary>
public sealed record RuntimeCounters(double AllocatedBytes, TimeSpan GcPause)
{
    private const string AllocatedSeries = "dotnet_gc_heap_total_allocated_bytes_total";
    private const string PauseSeries = "dotnet_gc_pause_time_seconds_total";

    public static RuntimeCounters Parse(string metrics) =>
        new(ValueOrThrow(metrics, AllocatedSeries), TimeSpan.FromSeconds(ValueOrThrow(metrics, PauseSeries)));

    private static double ValueOrThrow(string metrics, string series)
    {
        // The exporter writes a series without labels as "name{} value".
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + "{} ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The platform's /metrics has no {series}.");
        return double.Parse(line[(series.Length + 3)..], CultureInfo.InvariantCulture);
    }
}

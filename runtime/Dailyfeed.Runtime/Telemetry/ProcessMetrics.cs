using System.Globalization;

namespace Dailyfeed.Runtime.Telemetry;

/// <summary>
/// The process and .NET runtime series of /metrics: CPU, memory, GC and thread pool, read when scraped. Allocation and
/// GC pause per request are what a latency regression usually turns out to be; these make them visible without a
/// profiler attached, and let the benchmarks report them next to throughput.
/// </summary>
public static class ProcessMetrics
{
    public static IEnumerable<string> Render()
    {
        var lines = new List<string>();
        Counter(lines, "process_cpu_seconds_total", "CPU time of this process, user and kernel", Environment.CpuUsage.TotalTime.TotalSeconds);
        Gauge(lines, "process_working_set_bytes", "Physical memory mapped to this process", Environment.WorkingSet);
        Counter(lines, "dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since start", GC.GetTotalAllocatedBytes());
        Counter(lines, "dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection since start", GC.GetTotalPauseDuration().TotalSeconds);
        Header(lines, "dotnet_gc_collections_total", "counter", "Garbage collections since start, by generation");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}"));
        }

        Gauge(lines, "dotnet_gc_heap_bytes", "Managed heap size after the last collection", GC.GetGCMemoryInfo().HeapSizeBytes);
        Gauge(lines, "dotnet_thread_pool_threads", "Thread pool threads", ThreadPool.ThreadCount);
        Gauge(lines, "dotnet_thread_pool_queue_length", "Work items queued to the thread pool and not yet started", ThreadPool.PendingWorkItemCount);
        Counter(lines, "dotnet_thread_pool_completed_items_total", "Work items the thread pool has run since start", ThreadPool.CompletedWorkItemCount);
        Counter(lines, "dotnet_lock_contentions_total", "Times a thread waited for a contended lock since start", Monitor.LockContentionCount);
        return lines;
    }

    private static void Counter(List<string> lines, string name, string help, double value) => Series(lines, name, "counter", help, value);

    private static void Gauge(List<string> lines, string name, string help, double value) => Series(lines, name, "gauge", help, value);

    private static void Series(List<string> lines, string name, string type, string help, double value)
    {
        Header(lines, name, type, help);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {value}"));
    }

    private static void Header(List<string> lines, string name, string type, string help)
    {
        lines.Add($"# HELP {name} {help}");
        lines.Add($"# TYPE {name} {type}");
    }
}

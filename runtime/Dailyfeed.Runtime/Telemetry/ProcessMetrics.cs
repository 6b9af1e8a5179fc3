using System.Globalization;
using System.Text;

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
        var text = new StringBuilder();
        Counter(text, "process_cpu_seconds_total", "CPU time of this process, user and kernel", Environment.CpuUsage.TotalTime.TotalSeconds);
        Gauge(text, "process_working_set_bytes", "Physical memory mapped to this process", Environment.WorkingSet);
        Counter(text, "dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since start", GC.GetTotalAllocatedBytes());
        Counter(text, "dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection since start", GC.GetTotalPauseDuration().TotalSeconds);
        Header(text, "dotnet_gc_collections_total", "counter", "Garbage collections since start, by generation");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        }

        Gauge(text, "dotnet_gc_heap_bytes", "Managed heap size after the last collection", GC.GetGCMemoryInfo().HeapSizeBytes);
        Gauge(text, "dotnet_thread_pool_threads", "Thread pool threads", ThreadPool.ThreadCount);
        Gauge(text, "dotnet_thread_pool_queue_length", "Work items queued to the thread pool and not yet started", ThreadPool.PendingWorkItemCount);
        Counter(text, "dotnet_thread_pool_completed_items_total", "Work items the thread pool has run since start", ThreadPool.CompletedWorkItemCount);
        Counter(text, "dotnet_lock_contentions_total", "Times a thread waited for a contended lock since start", Monitor.LockContentionCount);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void Counter(StringBuilder text, string name, string help, double value) => Series(text, name, "counter", help, value);

    private static void Gauge(StringBuilder text, string name, string help, double value) => Series(text, name, "gauge", help, value);

    private static void Series(StringBuilder text, string name, string type, string help, double value)
    {
        Header(text, name, type, help);
        text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
}

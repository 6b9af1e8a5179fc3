using System.Globalization;

namespace Dailyfeed.Bench.Social;

/// <summary>What one measured run cost the platform per request answered, and the host's CPU stolen meanwhile.</summary>
/// <param name="PlatformMicrosecondsPerRequest">The platform process's CPU time over the run.</param>
/// <param name="AllocatedBytesPerRequest">Managed bytes the platform allocated over the run.</param>
/// <param name="GcPauseMicrosecondsPerRequest">Time the platform stood paused for garbage collection over the run.</param>
/// <param name="StealShare">The share of this machine's CPU time the hypervisor gave to other guests.</param>
public sealed record PlatformCost(double PlatformMicrosecondsPerRequest, double AllocatedBytesPerRequest, double GcPauseMicrosecondsPerRequest, double StealShare)
{
    public override string ToString() =>
        $"platform CPU {PlatformMicrosecondsPerRequest:F0} us, {AllocatedBytesPerRequest:N0} B allocated and GC pauses {GcPauseMicrosecondsPerRequest:F1} us per request, host steal {StealShare.ToString("P0", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Cost accounting around a run. On a shared host throughput swings with the neighbours (steal time); the platform's
/// CPU per request moves far less, and its allocation per request hardly at all, so the report carries them all.
/// </summary>
public sealed class CostWindow
{
    private readonly PlatformProcess _platform;
    private readonly TimeSpan _platformStart;
    private readonly RuntimeCounters _runtimeStart;
    private readonly HostCpuTimes _hostStart;

    private CostWindow(PlatformProcess platform, RuntimeCounters runtime)
    {
        _platform = platform;
        _runtimeStart = runtime;
        _platformStart = platform.CpuTime;
        _hostStart = HostCpuTimes.Read();
    }

    public static async Task<CostWindow> StartAsync(PlatformProcess platform) =>
        new(platform, await platform.ReadRuntimeCountersAsync());

    public async Task<PlatformCost> StopAsync(long requests)
    {
        var host = HostCpuTimes.Read();
        var platformCpu = _platform.CpuTime - _platformStart;
        var runtime = await _platform.ReadRuntimeCountersAsync();
        var total = host.Total - _hostStart.Total;
        return new PlatformCost(
            PerRequest(platformCpu.TotalMicroseconds, requests),
            PerRequest(runtime.AllocatedBytes - _runtimeStart.AllocatedBytes, requests),
            PerRequest((runtime.GcPause - _runtimeStart.GcPause).TotalMicroseconds, requests),
            total == 0 ? 0 : (double)(host.Steal - _hostStart.Steal) / total);
    }

    private static double PerRequest(double amount, long requests) => requests == 0 ? double.NaN : amount / requests;

    /// <summary>The machine-wide counters of /proc/stat's first line (user nice system idle iowait irq softirq steal).</summary>
    private readonly record struct HostCpuTimes(long Total, long Steal)
    {
        private const int StealField = 7;

        public static HostCpuTimes Read()
        {
            var fields = File.ReadLines("/proc/stat").First()
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1)
                .Take(StealField + 1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture))
                .ToArray();
            return new HostCpuTimes(fields.Sum(), fields[StealField]);
        }
    }
}

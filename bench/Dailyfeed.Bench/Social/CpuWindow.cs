using System.Globalization;

namespace Dailyfeed.Bench.Social;

/// <summary>What one measured run cost: the platform's CPU per request, and the host's CPU stolen meanwhile.</summary>
/// <param name="PlatformMicrosecondsPerRequest">The platform process's CPU time over the run, per request answered.</param>
/// <param name="StealShare">The share of this machine's CPU time the hypervisor gave to other guests.</param>
public sealed record CpuUsage(double PlatformMicrosecondsPerRequest, double StealShare)
{
    public override string ToString() =>
        $"platform CPU {PlatformMicrosecondsPerRequest:F0} us per request, host steal {StealShare.ToString("P0", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// CPU accounting around a run. On a shared host throughput swings with the neighbours (steal time); the platform's
/// own CPU per request moves far less, so the report carries both.
/// </summary>
public sealed class CpuWindow
{
    private readonly PlatformProcess _platform;
    private readonly TimeSpan _platformStart;
    private readonly HostCpuTimes _hostStart;

    private CpuWindow(PlatformProcess platform)
    {
        _platform = platform;
        _platformStart = platform.CpuTime;
        _hostStart = HostCpuTimes.Read();
    }

    public static CpuWindow Start(PlatformProcess platform) => new(platform);

    public CpuUsage Stop(long requests)
    {
        var host = HostCpuTimes.Read();
        var platformCpu = _platform.CpuTime - _platformStart;
        var total = host.Total - _hostStart.Total;
        return new CpuUsage(
            requests == 0 ? double.NaN : platformCpu.TotalMicroseconds / requests,
            total == 0 ? 0 : (double)(host.Steal - _hostStart.Steal) / total);
    }

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

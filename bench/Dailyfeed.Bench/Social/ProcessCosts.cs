using System.Globalization;
using System.Text.RegularExpressions;

namespace Dailyfeed.Bench.Social;

/// <summary>What one process of the platform spent per request answered over a run.</summary>
/// <param name="GrainCallsPerRequest">Grain calls this process made (as the caller) per request.</param>
public sealed record ProcessCost(string Process, double CpuMicrosecondsPerRequest, double AllocatedBytesPerRequest, double GrainCallsPerRequest);

/// <summary>Per-process costs of a run, their sum, and the gateway's grain calls per request by grain method.</summary>
public sealed record PlatformCosts(IReadOnlyList<ProcessCost> Processes, IReadOnlyList<(string Call, double PerRequest)> CallsByMethod)
{
    public double TotalCpuMicrosecondsPerRequest => Processes.Sum(p => p.CpuMicrosecondsPerRequest);

    public override string ToString() => string.Join(", ", Processes.Select(p => string.Create(
        CultureInfo.InvariantCulture, $"{p.Process} {p.CpuMicrosecondsPerRequest:F0} us"))) +
        string.Create(CultureInfo.InvariantCulture, $", sum {TotalCpuMicrosecondsPerRequest:F0} us CPU per request");
}

/// <summary>
/// CPU, allocation and grain calls of every process of the platform around a run: CPU from the process itself (as the
/// embedded run's <see cref="CostWindow"/>), allocation and grain calls from each host's GET /metrics.
/// </summary>
public sealed partial class ProcessCostWindow
{
    private readonly IReadOnlyList<PlatformProcess> _processes;
    private readonly IReadOnlyList<Snapshot> _start;

    private ProcessCostWindow(IReadOnlyList<PlatformProcess> processes, IReadOnlyList<Snapshot> start)
    {
        _processes = processes;
        _start = start;
    }

    public static async Task<ProcessCostWindow> StartAsync(IReadOnlyList<PlatformProcess> processes) =>
        new(processes, await Task.WhenAll(processes.Select(Snapshot.TakeAsync)));

    public async Task<PlatformCosts> StopAsync(long requests)
    {
        var end = await Task.WhenAll(_processes.Select(Snapshot.TakeAsync));
        double Per(double amount) => requests == 0 ? double.NaN : amount / requests;
        var costs = _processes.Select((p, i) => new ProcessCost(
            p.Name,
            Per((end[i].Cpu - _start[i].Cpu).TotalMicroseconds),
            Per(end[i].Runtime.AllocatedBytes - _start[i].Runtime.AllocatedBytes),
            Per(end[i].Calls.Values.Sum() - _start[i].Calls.Values.Sum()))).ToList();
        var gateway = 0;
        var byMethod = end[gateway].Calls
            .Select(c => (Call: c.Key, PerRequest: Per(c.Value - _start[gateway].Calls.GetValueOrDefault(c.Key))))
            .Where(c => c.PerRequest > 0)
            .OrderByDescending(c => c.PerRequest)
            .ToList();
        return new PlatformCosts(costs, byMethod);
    }

    private sealed record Snapshot(TimeSpan Cpu, RuntimeCounters Runtime, IReadOnlyDictionary<string, double> Calls)
    {
        public static async Task<Snapshot> TakeAsync(PlatformProcess process)
        {
            var metrics = await process.ReadMetricsAsync();
            return new Snapshot(process.CpuTime, RuntimeCounters.Parse(metrics), GrainCalls(metrics));
        }
    }

    /// <summary>dailyfeed_grain_calls_total summed over outcomes, by "GrainInterface.Method".</summary>
    private static Dictionary<string, double> GrainCalls(string metrics) =>
        GrainCallLine().Matches(metrics)
            .Select(m => (Call: $"{Label(m.Groups["labels"].Value, "grain_type")}.{Label(m.Groups["labels"].Value, "method")}",
                Count: double.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .GroupBy(c => c.Call)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

    private static string Label(string labels, string name) =>
        Regex.Match(labels, $"{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : "?";

    [GeneratedRegex(@"^dailyfeed_grain_calls_total\{(?<labels>[^}]*)\} (?<count>[\d.eE+]+)$", RegexOptions.Multiline)]
    private static partial Regex GrainCallLine();
}

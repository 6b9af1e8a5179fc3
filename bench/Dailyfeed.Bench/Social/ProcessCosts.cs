using System.Globalization;
using System.Text.RegularExpressions;

namespace Dailyfeed.Bench.Social;

/// <summary>What one process of the platform spent per request answered over a run.</summary>
/// <param name="GrainCallsPerRequest">Grain calls this process made (as the caller) per request.</param>
public sealed record ProcessCost(string Process, double CpuMicrosecondsPerRequest, double AllocatedBytesPerRequest, double GrainCallsPerRequest);

/// <summary>Grain calls one process made per request to one grain method, and their mean latency as that caller saw it.</summary>
public sealed record GrainCallCost(string Process, string Call, double PerRequest, double MeanMs);

/// <summary>Per-process costs of a run, their sum, and every process's grain calls per request by grain method.</summary>
public sealed record PlatformCosts(IReadOnlyList<ProcessCost> Processes, IReadOnlyList<GrainCallCost> CallsByMethod)
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
        var byMethod = _processes.SelectMany((p, i) => end[i].Calls.Select(c => new GrainCallCost(
                p.Name,
                c.Key,
                Per(c.Value - _start[i].Calls.GetValueOrDefault(c.Key)),
                MeanMs(c.Key, _start[i].Durations, end[i].Durations))))
            .Where(c => c.PerRequest > 0)
            .OrderByDescending(c => c.PerRequest)
            .ToList();
        return new PlatformCosts(costs, byMethod);
    }

    /// <summary>The runtime's call-duration histogram is per grain type only, so every method of a type shows the type's mean.</summary>
    private static double MeanMs(string call, IReadOnlyDictionary<string, (double Sum, double Count)> start, IReadOnlyDictionary<string, (double Sum, double Count)> end)
    {
        var type = call[..call.IndexOf('.', StringComparison.Ordinal)];
        var (sum, count) = end.GetValueOrDefault(type);
        var (sumBefore, countBefore) = start.GetValueOrDefault(type);
        return count > countBefore ? (sum - sumBefore) / (count - countBefore) * 1000 : double.NaN;
    }

    private sealed record Snapshot(
        TimeSpan Cpu, RuntimeCounters Runtime, IReadOnlyDictionary<string, double> Calls, IReadOnlyDictionary<string, (double Sum, double Count)> Durations)
    {
        public static async Task<Snapshot> TakeAsync(PlatformProcess process)
        {
            var metrics = await process.ReadMetricsAsync();
            return new Snapshot(process.CpuTime, RuntimeCounters.Parse(metrics), GrainCalls(metrics), CallDurations(metrics));
        }
    }

    /// <summary>dailyfeed_grain_call_duration_seconds' sum and count, by grain type.</summary>
    private static Dictionary<string, (double Sum, double Count)> CallDurations(string metrics)
    {
        var series = DurationLine().Matches(metrics)
            .Select(m => (m.Groups["part"].Value, Type: m.Groups["type"].Value, Value: double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        return series.Where(x => x.Item1 == "sum").ToDictionary(
            x => x.Type,
            x => (x.Value, series.FirstOrDefault(c => c.Item1 == "count" && c.Type == x.Type).Value));
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

    [GeneratedRegex(@"^dailyfeed_grain_call_duration_seconds_(?<part>sum|count)\{grain_type=""(?<type>[^""]*)""\} (?<value>[\d.eE+-]+)$", RegexOptions.Multiline)]
    private static partial Regex DurationLine();

    [GeneratedRegex(@"^dailyfeed_grain_calls_total\{(?<labels>[^}]*)\} (?<count>[\d.eE+]+)$", RegexOptions.Multiline)]
    private static partial Regex GrainCallLine();
}

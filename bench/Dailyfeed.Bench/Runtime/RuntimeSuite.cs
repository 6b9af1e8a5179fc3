using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Runs the runtime measurements and writes them, with the targets from the foundation issue, as markdown.</summary>
public static class RuntimeSuite
{
    private const int DefaultActivations = 200_000;
    private const double LocalCallsTarget = 1_000_000;
    private const double CrossSiloP50TargetMicros = 150;
    private const long ActivationsIn2GbTarget = 1_000_000;

    public static async Task<string> RunAsync(string[] args)
    {
        var activations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultActivations;
        Console.Error.WriteLine("local calls ...");
        var local = await LocalCallBenchmark.RunAsync();
        Console.Error.WriteLine("cross-silo calls ...");
        var remote = await CrossSiloLatencyBenchmark.RunAsync();
        Console.Error.WriteLine($"{activations:N0} activations ...");
        var memory = await ActivationMemoryBenchmark.RunAsync(activations);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Runtime benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, in-memory store, loopback.");
        report.AppendLine();
        report.AppendLine("| measure | result | target |");
        report.AppendLine("|---|---|---|");
        foreach (var (callers, rate) in local)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| local grain calls/s, {callers} caller loop(s) | {rate:N0} | >= {LocalCallsTarget:N0} |");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"| cross-silo call latency p50 / p90 / p99 / max (us) | {remote.P50:N0} / {remote.P90:N0} / {remote.P99:N0} / {remote.Max:N0} | p50 < {CrossSiloP50TargetMicros:N0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| cross-silo calls/s, 32 concurrent callers | {remote.ConcurrentCallsPerSecond:N0} | - |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| managed bytes per idle activation ({memory.Activations:N0} activated) | {memory.BytesPerActivation:N0} | - |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| idle activations in 2 GB | {memory.ActivationsIn2Gb:N0} | >= {ActivationsIn2GbTarget:N0} |");
        return report.ToString();
    }
}

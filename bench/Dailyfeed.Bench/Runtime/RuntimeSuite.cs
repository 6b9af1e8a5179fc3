using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Runs the runtime measurements on Orleans and writes them, with the targets from the foundation issue, as markdown.</summary>
public static class RuntimeSuite
{
    /// <summary>The report's file name under bench/results; the home-made runtime's last report stays in runtime.md.</summary>
    public const string ReportName = "runtime-orleans";

    private const double LocalCallsTarget = 1_000_000;
    private const double CrossProcessP50TargetMicros = 100;
    private const long ActivationsIn2GbTarget = 1_000_000;
    private const string LoadAverageFile = "/proc/loadavg";

    public static async Task<string> RunAsync(string[] args)
    {
        var options = new RuntimeBenchOptions();
        if (args.Length > 1)
        {
            options = options with { Activations = int.Parse(args[1], CultureInfo.InvariantCulture) };
        }

        Console.Error.WriteLine("local grain-to-grain calls ...");
        var local = await LocalCallBenchmark.RunAsync(options);
        Console.Error.WriteLine("cross-process calls over loopback TCP ...");
        var remote = await CrossProcessLatencyBenchmark.RunAsync(options);
        Console.Error.WriteLine($"{options.Activations:N0} activations ...");
        var memory = await ActivationMemoryBenchmark.RunAsync(options);

        var c = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(c, $"# Runtime benchmark on Orleans ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        report.AppendLine();
        report.AppendLine(c, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, Orleans {OrleansVersion()}, no storage, loopback only; load average at the start {LoadAverage()}.");
        report.AppendLine();
        report.AppendLine("Local calls: one silo; each caller loop is a grain awaiting ping grains one at a time. Cross-process: an Orleans client host and a silo host in one process, the client connected to the silo's gateway port over real loopback TCP (`UseLocalhostClustering`), so every call is serialized and crosses a socket both ways. Memory: managed heap growth after a compacting full GC, divided by the activations.");
        report.AppendLine();
        report.AppendLine("| measure | result | target |");
        report.AppendLine("|---|---|---|");
        foreach (var run in local)
        {
            report.AppendLine(c, $"| local grain-to-grain calls/s, {run.Callers} caller loop(s) | {run.CallsPerSecond:N0} | >= {LocalCallsTarget:N0} |");
        }

        report.AppendLine(c, $"| managed bytes allocated per local call (last row above) | {local[^1].AllocatedBytesPerCall:N0} | - |");
        report.AppendLine(c, $"| cross-process call latency p50 / p90 / p99 / max (us), TCP | {remote.P50:N0} / {remote.P90:N0} / {remote.P99:N0} / {remote.Max:N0} | p50 < {CrossProcessP50TargetMicros:N0} |");
        report.AppendLine(c, $"| cross-process calls/s, {remote.Callers} concurrent callers | {remote.ConcurrentCallsPerSecond:N0} | - |");
        report.AppendLine(c, $"| managed bytes allocated per cross-process call, client and silo together | {remote.AllocatedBytesPerCall:N0} | - |");
        report.AppendLine(c, $"| managed bytes per idle activation ({memory.Activations:N0} activated) | {memory.BytesPerActivation:N0} | - |");
        report.AppendLine(c, $"| idle activations in 2 GB (extrapolated) | {memory.ActivationsIn2Gb:N0} | >= {ActivationsIn2GbTarget:N0} |");
        return report.ToString();
    }

    // The machine is shared: the load when the run starts says how far the numbers can be trusted.
    private static string LoadAverage() =>
        File.Exists(LoadAverageFile) ? string.Join(" / ", File.ReadAllText(LoadAverageFile).Split(' ').Take(3)) : "unknown";

    // The informational version carries the package's version ("10.4.2. Commit Hash: ..."); the assembly version only the major.
    private static string OrleansVersion() =>
        typeof(global::Orleans.Grain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(' ')[0].TrimEnd('.') ?? "unknown";
}

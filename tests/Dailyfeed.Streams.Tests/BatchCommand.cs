using System.Diagnostics;
using Dailyfeed.Testing.Silos.Processes;

namespace Dailyfeed.Streams.Tests;

/// <summary>What one run of the Batch printed and returned.</summary>
public sealed record BatchRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the built Batch (<c>dotnet Dailyfeed.Batch.dll ...</c>) as an operator does, configured through the
/// environment variables a deployment sets (<c>Dailyfeed__...</c>) to join the test's cluster.
/// </summary>
public static class BatchCommand
{
    private const string BatchAssembly = "Dailyfeed.Batch.dll";

    /// <summary>A cold .NET start, an Orleans client's connect and the command on a loaded 2-core machine.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    public static async Task<BatchRun> RunAsync(StreamCluster cluster, params string[] arguments)
    {
        var dll = BatchDllOrThrow();
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Dailyfeed__PostgreSql__ConnectionString"] = StreamCluster.ConnectionString;
        start.Environment["Dailyfeed__PostgreSql__Schema"] = cluster.Schema;
        start.Environment["Dailyfeed__Cluster__ClusterId"] = cluster.ClusterId;
        start.Environment["Dailyfeed__Cluster__ServiceId"] = cluster.ClusterId;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {dll} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Batch {string.Join(' ', arguments)} did not exit within {RunLimit.TotalSeconds} s");
        }

        return new BatchRun(process.ExitCode, await output, await error);
    }

    /// <summary>The Batch build output of this test assembly's configuration (the project reference builds it).</summary>
    private static string BatchDllOrThrow()
    {
        var dll = Path.Combine(SiloHostSettings.RepositoryRootOrThrow(), "Batch", "bin", SiloHostSettings.BuildConfiguration, "net10.0", BatchAssembly);
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"Build the Batch first (`dotnet build Batch -c {SiloHostSettings.BuildConfiguration}`). Missing: {dll}", dll);
    }
}

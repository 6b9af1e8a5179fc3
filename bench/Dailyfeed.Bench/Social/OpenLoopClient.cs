using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Dailyfeed.Bench.Social;

/// <summary>
/// One openloop run: measured responses (any status), requests lost to connection errors or the drain deadline,
/// non-2xx responses among the measured ones, and the client's own CPU time (user + system).
/// </summary>
public sealed record OpenLoopResult(
    long Requests, long Errors, long NonSuccess, double AchievedPerSecond, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double CpuMs)
{
    /// <summary>The client's CPU per measured response; an upper bound, as the CPU includes the warm-up's requests and start-up.</summary>
    public double CpuMsPerRequest => Requests == 0 ? double.NaN : CpuMs / Requests;
}

/// <summary>
/// bench/openloop/openloop.c: a wrk2-style open-loop client in C (one thread, epoll, latency from each request's due
/// time). The .NET open-loop client costs enough CPU on the 2 cores it shares with the platform that its own
/// scheduling dominated the p99 it reported; wrk2 is not packaged in Debian, and the rate limits of Debian's bombardier
/// and hey are not coordinated-omission safe. Built with gcc on first use and whenever the source is newer.
/// </summary>
public static class OpenLoopClient
{
    private static readonly string[] Keys = ["requests", "errors", "non2xx", "achieved_rps", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "cpu_ms"];

    /// <summary>GETs <paramref name="path"/> at a fixed rate, with the bearer tokens in turn (none: no Authorization header).</summary>
    public static async Task<OpenLoopResult> RunAsync(
        string repositoryRoot, Uri address, int ratePerSecond, TimeSpan duration, TimeSpan warmup, int connections, string path, IReadOnlyList<string> tokens)
    {
        var binary = await BuildAsync(repositoryRoot);
        var requests = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(requests, tokens.Count == 0 ? [path] : tokens.Select(t => $"{path}\t{t}"));
            var start = new ProcessStartInfo(binary,
            [
                "-a", $"{address.Host}:{address.Port}", "-r", ratePerSecond.ToString(CultureInfo.InvariantCulture),
                "-d", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture), "-w", warmup.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture), "-f", requests,
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var client = Process.Start(start)!;
            var output = client.StandardOutput.ReadToEndAsync();
            var errors = client.StandardError.ReadToEndAsync();

            // openloop stops by itself after warm-up + duration + at most 2 s of drain; the margin is only a backstop.
            using var limit = new CancellationTokenSource(warmup + duration + TimeSpan.FromSeconds(30));
            try
            {
                await client.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                client.Kill();
                throw new TimeoutException($"openloop did not stop within {(warmup + duration).TotalSeconds + 30} s.");
            }

            return client.ExitCode == 0
                ? Parse(await output)
                : throw new InvalidOperationException($"openloop exited with {client.ExitCode}: {await errors}");
        }
        finally
        {
            File.Delete(requests);
        }
    }

    /// <summary>Compiles openloop.c into bench/openloop/obj (git-ignored) unless an up-to-date binary is there.</summary>
    private static async Task<string> BuildAsync(string repositoryRoot)
    {
        var source = Path.Combine(repositoryRoot, "bench", "openloop", "openloop.c");
        var binary = Path.Combine(repositoryRoot, "bench", "openloop", "obj", "openloop");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source))
        {
            return binary;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
        var partial = $"{binary}.{Environment.ProcessId}.tmp";
        Process gcc;
        try
        {
            gcc = Process.Start(new ProcessStartInfo("gcc", ["-O2", "-Wall", "-Wextra", "-std=gnu11", "-o", partial, source, "-lm"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException("gcc is not installed, and the open-loop client (bench/openloop/openloop.c) needs it: run scripts/bench.sh (it installs gcc from Debian).");
        }

        using (gcc)
        {
            var output = gcc.StandardOutput.ReadToEndAsync();
            var diagnostics = await gcc.StandardError.ReadToEndAsync();
            await gcc.WaitForExitAsync();
            await output;
            if (gcc.ExitCode != 0)
            {
                File.Delete(partial);
                throw new InvalidOperationException($"gcc could not build {source}:\n{diagnostics}");
            }
        }

        // Built under a temporary name and moved into place, so a failed or concurrent build never leaves half a binary.
        File.Move(partial, binary, overwrite: true);
        return binary;
    }

    private static OpenLoopResult Parse(string output)
    {
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        if (Keys.FirstOrDefault(k => !values.ContainsKey(k)) is { } missing)
        {
            throw new InvalidOperationException($"openloop printed no {missing}:\n{output}");
        }

        return new OpenLoopResult(
            (long)values["requests"], (long)values["errors"], (long)values["non2xx"], values["achieved_rps"],
            values["p50_ms"], values["p90_ms"], values["p99_ms"], values["p999_ms"], values["max_ms"], values["cpu_ms"]);
    }
}

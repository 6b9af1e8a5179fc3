using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dailyfeed.Bench.Social;

public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, long Requests)
{
    /// <summary>The platform's CPU use over the run, when the server measured was the platform.</summary>
    public PlatformCost? Cost { get; init; }
}

/// <summary>Rounds of one wrk measurement; the median round is the one reported, the rest show the spread.</summary>
public sealed record WrkRounds(IReadOnlyList<WrkResult> Rounds)
{
    public WrkResult Median => Rounds.OrderBy(r => r.RequestsPerSecond).ElementAt(Rounds.Count / 2);

    public string Spread => string.Join(" / ", Rounds.Select(r => r.RequestsPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>Closed-loop maximum throughput with wrk (Debian's), the same client for the platform and the bare server.</summary>
public static partial class WrkRunner
{
    public static bool IsInstalled() => File.Exists("/usr/bin/wrk");

    /// <summary>GETs <paramref name="path"/> with the bearer tokens in turn (none: no Authorization header).</summary>
    public static Task<WrkResult> RunAsync(Uri address, string path, IReadOnlyList<string> tokens, SocialOptions options) =>
        RunAsync(address, path, tokens, options, options.WrkDuration);

    public static async Task<WrkResult> RunAsync(Uri address, string path, IReadOnlyList<string> tokens, SocialOptions options, TimeSpan duration)
    {
        var script = await WriteScriptAsync(path, tokens);
        try
        {
            var start = new ProcessStartInfo("wrk",
                ["-t2", $"-c{options.WrkConnections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", script, address.ToString()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var wrk = Process.Start(start)!;
            var output = await wrk.StandardOutput.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            return new WrkResult(
                Number(RequestsPerSecond(), output),
                Latency(output, "50%"),
                Latency(output, "99%"),
                NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                (long)Number(TotalRequests(), output));
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Writes the wrk Lua script that GETs <paramref name="path"/> with the tokens in turn; returns its path.</summary>
    public static async Task<string> WriteScriptAsync(string path, IReadOnlyList<string> tokens)
    {
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, Script(path, tokens));
        return script;
    }

    private static string Script(string path, IReadOnlyList<string> tokens)
    {
        var lua = new StringBuilder("local tokens = {\n");
        foreach (var token in tokens)
        {
            lua.Append("  \"").Append(token).Append("\",\n");
        }

        lua.Append("}\nlocal i = 0\nrequest = function()\n  i = i + 1\n");
        lua.Append(tokens.Count == 0
            ? $"  return wrk.format(\"GET\", \"{path}\")\n"
            : $"  return wrk.format(\"GET\", \"{path}\", {{ [\"Authorization\"] = \"Bearer \" .. tokens[(i % #tokens) + 1] }})\n");
        lua.Append("end\n");
        return lua.ToString();
    }

    private static double Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"wrk said:\n{output}");

    private static double Latency(string output, string percentile)
    {
        var m = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}

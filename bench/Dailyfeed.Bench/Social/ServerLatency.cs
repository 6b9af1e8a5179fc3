using System.Globalization;
using System.Text.RegularExpressions;

namespace Dailyfeed.Bench.Social;

/// <summary>Server time of one route over a run: percentiles as the bucket bounds that hold them.</summary>
public sealed record ServerLatencyResult(long Requests, double P50UpperMs, double P99UpperMs);

/// <summary>
/// The gateway's own request-duration histogram (GET /metrics), read before and after a run. It times a request from
/// the first middleware to the last byte written, so set beside the client's open-loop numbers it tells the
/// platform's time apart from the client's and the kernel's queueing on a shared 2-core machine.
/// </summary>
public static partial class ServerLatency
{
    public static async Task<IReadOnlyDictionary<double, long>> ScrapeAsync(PlatformProcess platform, string route)
    {
        var text = await platform.ReadMetricsAsync();
        // ASP.NET Core's histogram has a series per status code and protocol version: a route's buckets are their sum.
        return BucketLine().Matches(text)
            .Where(m => m.Groups["labels"].Value.Contains($"http_route=\"{route}\"", StringComparison.Ordinal)
                        && m.Groups["labels"].Value.Contains("http_request_method=\"GET\"", StringComparison.Ordinal))
            .GroupBy(m => m.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups["le"].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Sum(m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)));
    }

    public static ServerLatencyResult Between(IReadOnlyDictionary<double, long> before, IReadOnlyDictionary<double, long> after)
    {
        var cumulative = after.OrderBy(b => b.Key).Select(b => (UpperSeconds: b.Key, Count: b.Value - before.GetValueOrDefault(b.Key))).ToList();
        var total = cumulative.Count == 0 ? 0 : cumulative[^1].Count;
        return new ServerLatencyResult(total, UpperMs(cumulative, total, 0.5), UpperMs(cumulative, total, 0.99));
    }

    private static double UpperMs(List<(double UpperSeconds, long Count)> cumulative, long total, double quantile) =>
        total == 0 ? double.NaN : cumulative.First(b => b.Count >= quantile * total).UpperSeconds * 1000;

    [GeneratedRegex("""^http_server_request_duration_seconds_bucket\{(?<labels>.*),le="(?<le>[^"]+)"\} (?<count>\d+)$""", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}

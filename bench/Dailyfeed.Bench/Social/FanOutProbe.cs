using System.Diagnostics;
using HdrHistogram;

namespace Dailyfeed.Bench.Social;

public sealed record FanOutResult(int Posts, long Deliveries, double ComposeP50Ms, double ComposeP99Ms, double VisibleP50Ms, double VisibleP99Ms, double VisibleMaxMs);

/// <summary>
/// Time from a compose being acknowledged to the post heading every follower's feed, read through the public API by
/// one poller per follower (so the figure includes one feed read).
/// </summary>
public static class FanOutProbe
{
    private const long HighestTrackableMicros = 60_000_000;
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    public static async Task<FanOutResult> RunAsync(SocialApi api, Reed98Graph graph, LoadedNetwork network, SocialOptions options)
    {
        var followers = graph.Followers();
        var random = new Random(options.Seed + 1);
        var authors = Enumerable.Range(0, graph.Members).Where(m => followers[m].Count > 0).OrderBy(_ => random.Next()).Take(options.FanOutSamples).ToList();
        var compose = new LongHistogram(HighestTrackableMicros, 3);
        var visible = new LongHistogram(HighestTrackableMicros, 3);
        foreach (var author in authors)
        {
            var started = Stopwatch.GetTimestamp();
            var postId = await api.ComposeAsync(network.Tokens[author], PostText.Of(options.PostLength, random.Next()));
            var acknowledged = Stopwatch.GetTimestamp();
            compose.RecordValue(Micros(started, acknowledged));
            var delays = await Task.WhenAll(followers[author].Select(f => WaitVisibleAsync(api, network.Tokens[f], postId, acknowledged)));
            foreach (var delay in delays)
            {
                visible.RecordValue(Math.Max(1, delay));
            }
        }

        return new FanOutResult(authors.Count, visible.TotalCount,
            compose.GetValueAtPercentile(50) / 1000.0, compose.GetValueAtPercentile(99) / 1000.0,
            visible.GetValueAtPercentile(50) / 1000.0, visible.GetValueAtPercentile(99) / 1000.0, visible.GetMaxValue() / 1000.0);
    }

    private static async Task<long> WaitVisibleAsync(SocialApi api, string token, long postId, long acknowledged)
    {
        while (Stopwatch.GetElapsedTime(acknowledged) < GiveUp)
        {
            var newest = await api.HomeTimelineAsync(token, 1);
            if (newest.Count > 0 && newest[0] == postId)
            {
                return Micros(acknowledged, Stopwatch.GetTimestamp());
            }

            await Task.Delay(1);
        }

        return HighestTrackableMicros;
    }

    private static long Micros(long from, long to) => (to - from) * 1_000_000 / Stopwatch.Frequency;
}

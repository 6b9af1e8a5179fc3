using System.Globalization;

namespace Dailyfeed.Bench.Social;

/// <summary>One open-loop run of the home timeline at half the wrk rate: the client's view, the server's, the cost.</summary>
public sealed record HalfLoadRun(OpenLoopResult Client, ServerLatencyResult Server, PlatformCost Cost);

/// <summary>
/// Several half-load runs, each after a quiet pause. On a shared host one run says more about the neighbours than
/// about the platform, so the report gives the run with the median p99 and every run's p99 beside its steal share.
/// </summary>
public sealed record HalfLoadRuns(IReadOnlyList<HalfLoadRun> Runs)
{
    public HalfLoadRun Median => Runs.OrderBy(r => r.Client.P99Ms).ElementAt(Runs.Count / 2);

    public string Spread => string.Join(" / ", Runs.Select(r => string.Create(
        CultureInfo.InvariantCulture, $"{r.Client.P99Ms:F1} ms (steal {r.Cost.StealShare:P0})")));

    public static async Task<HalfLoadRuns> RunAsync(
        string repositoryRoot, PlatformProcess platform, int rate, string path, string route, IReadOnlyList<string> tokens, SocialOptions options)
    {
        var runs = new List<HalfLoadRun>();
        for (var round = 0; round < options.HalfLoadRounds; round++)
        {
            await Task.Delay(options.OpenLoopSettle);
            var before = await ServerLatency.ScrapeAsync(platform, route);
            var window = await CostWindow.StartAsync(platform);
            var client = await OpenLoopClient.RunAsync(
                repositoryRoot, platform.Address, rate, options.MixDuration, options.OpenLoopWarmup, options.OpenLoopConnections, path, tokens);
            var server = ServerLatency.Between(before, await ServerLatency.ScrapeAsync(platform, route));
            runs.Add(new HalfLoadRun(client, server, await window.StopAsync(server.Requests)));
        }

        return new HalfLoadRuns(runs);
    }
}

using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Dailyfeed.Bench.Social;

/// <summary>
/// The platform against its anchors on socfb-Reed98: DeathStarBench's mixed workload (open loop), timeline reads
/// against a bare Kestrel endpoint and against the original's pull query in pgbench, and fan-out visibility.
/// </summary>
public static class SocialSuite
{
    private const double KestrelRatioTarget = 0.5;
    private const double HalfLoadP99TargetMs = 10;
    private const double PgBenchRatioTarget = 3;
    private const double FanOutP99TargetMs = 100;
    private const string HomeRoute = "/api/timeline/posts/followings";

    /// <summary>Runs the suite and returns its report; `social serve` only loads and holds the platform (null report).</summary>
    public static async Task<string?> RunAsync(string[] args)
    {
        var options = new SocialOptions();
        var root = RepositoryRoot();
        var graph = Reed98Graph.Load(root);
        if (!WrkRunner.IsInstalled())
        {
            throw new InvalidOperationException("wrk is not installed: run scripts/bench.sh (it installs wrk from Debian).");
        }

        Console.Error.WriteLine("starting the embedded platform ...");
        await using var platform = await PlatformProcess.StartAsync(root, options);
        using var api = new SocialApi(platform.Address);
        Console.Error.WriteLine($"loading socfb-Reed98 ({graph.Members} members, {graph.Edges.Count} edges) through the API ...");
        var network = await GraphLoader.LoadAsync(api, graph, options);
        if (args.Contains("serve"))
        {
            await ServeMode.RunAsync(platform, network, options);
            return null;
        }

        // Fan-out and the read anchors first, on a quiet platform; the mixed workload last, as its top rates overload it.
        Console.Error.WriteLine("fan-out visibility ...");
        var fanOut = await FanOutProbe.RunAsync(api, graph, network, options);
        var home = $"{HomeRoute}?size={options.TimelineWindow}";
        var mix = Mix(api, network, options);
        Console.Error.WriteLine("wrk: read layers (bare Kestrel, health probe, one-grain read, home timeline) ...");
        var page = await api.RawAsync(home, network.Tokens[0]);
        var layers = await ReadLayers.RunAsync(platform, home, network.Tokens, page, options);
        var timeline = layers.Timeline.Rounds.Median;

        var halfRate = (int)(timeline.RequestsPerSecond / 2);
        Console.Error.WriteLine($"home timeline alone, open loop at {halfRate} requests/s, {options.HalfLoadRounds} runs ...");
        var halfLoad = await HalfLoadRuns.RunAsync(root, platform, halfRate, home, HomeRoute, network.Tokens, options);

        IReadOnlyList<PgBenchResult>? pgbench = null;
        if (await PgBenchRunner.IsAvailableAsync())
        {
            Console.Error.WriteLine("pgbench: the original's pull query ...");
            pgbench = await PgBenchRunner.RunAsync(graph, network, options);
        }

        var runs = new List<(int Rate, IReadOnlyList<OperationResult> Results)>();
        foreach (var rate in options.MixRates)
        {
            Console.Error.WriteLine($"mixed workload at {rate} requests/s ...");
            runs.Add((rate, await OpenLoopRunner.RunAsync(rate, options.MixDuration, mix, options.Seed + rate)));
        }

        return Report(graph, network, runs, layers, page.Length, halfLoad, pgbench, fanOut, options);
    }

    private static IReadOnlyList<(string Name, double Share, Func<Random, Task<HttpStatusCode>> Send)> Mix(SocialApi api, LoadedNetwork network, SocialOptions options)
    {
        var members = network.Tokens.Length;
        return
        [
            ("home timeline", 0.6, r => api.SendAsync(HttpMethod.Get, $"{HomeRoute}?size={options.TimelineWindow}", network.Tokens[r.Next(members)])),
            ("user timeline", 0.3, r => api.SendAsync(HttpMethod.Get, $"/api/timeline/posts/authors/{network.MemberIds[r.Next(members)]}?size={options.TimelineWindow}", network.Tokens[r.Next(members)])),
            ("compose", 0.1, r => api.SendAsync(HttpMethod.Post, "/api/posts", network.Tokens[r.Next(members)], new { content = PostText.Of(options.PostLength, r.Next()) })),
        ];
    }

    private static string Report(
        Reed98Graph graph, LoadedNetwork network, List<(int Rate, IReadOnlyList<OperationResult> Results)> runs, ReadLayers layers,
        int pageBytes, HalfLoadRuns halfLoadRuns, IReadOnlyList<PgBenchResult>? pgbench, FanOutResult fanOut, SocialOptions options)
    {
        var r = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var (timelineRounds, bareRounds) = (layers.Timeline.Rounds, layers.Bare.Rounds);
        var (timeline, bare) = (timelineRounds.Median, bareRounds.Median);
        var (halfLoad, halfLoadServer, halfLoadCost) = halfLoadRuns.Median;
        r.AppendLine(c, $"# Social benchmark on socfb-Reed98 ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        r.AppendLine();
        r.AppendLine(c, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}. Platform: the embedded default (gateway + one silo serving both pools, SQLite) as its own process, logs at Warning, rate limits off; clients on the same machine over loopback.");
        r.AppendLine();
        r.AppendLine(c, $"Data: {graph.Members} members, {graph.Edges.Count * 2:N0} follows (every edge both ways), {network.Posts.Count:N0} posts of {options.PostLength} characters (0-{options.MaxPostsPerMember} per member), loaded through the public API in {network.LoadTime.TotalSeconds:F0} s.");
        r.AppendLine();
        r.AppendLine("## 1. Mixed workload (60% home timeline, 30% user timeline, 10% compose; windows of 10; open loop)");
        r.AppendLine();
        r.AppendLine("| offered rps | operation | achieved rps | errors | p50 ms | p95 ms | p99 ms | max ms |");
        r.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (rate, results) in runs)
        {
            foreach (var o in results)
            {
                r.AppendLine(c, $"| {rate:N0} | {o.Operation} | {o.AchievedPerSecond:N0} | {o.Errors} | {o.P50Ms:F2} | {o.P95Ms:F2} | {o.P99Ms:F2} | {o.MaxMs:F1} |");
            }
        }

        r.AppendLine();
        r.AppendLine("Latency counts from the moment a request was due (coordinated-omission safe), so queueing shows: in the platform, in the kernel, and in the .NET client itself, which shares the 2 cores (the server-time row below separates the platform's part).");
        r.AppendLine();
        r.AppendLine(c, $"## 2-3. Home timeline reads against the anchors (wrk, 2 threads, same client; median of {timelineRounds.Rounds.Count} alternating rounds)");
        r.AppendLine();
        r.AppendLine("| measure | result | target |");
        r.AppendLine("|---|---|---|");
        r.AppendLine(c, $"| home timeline (10 posts, {pageBytes:N0} B), wrk -c{options.WrkConnections} | {timeline.RequestsPerSecond:N0} rps, p50 {timeline.P50Ms:F2} ms, p99 {timeline.P99Ms:F2} ms, {timelineRounds.Rounds.Sum(t => t.Errors)} non-2xx (rounds: {timelineRounds.Spread}); {timeline.Cost} | - |");
        r.AppendLine(c, $"| bare Kestrel, same {pageBytes:N0} B JSON, same requests (bearer tokens included, ignored), wrk -c{options.WrkConnections} | {bare.RequestsPerSecond:N0} rps, p50 {bare.P50Ms:F2} ms, p99 {bare.P99Ms:F2} ms (rounds: {bareRounds.Spread}) | - |");
        r.AppendLine(c, $"| timeline / bare Kestrel | {timeline.RequestsPerSecond / bare.RequestsPerSecond:P0} | >= {KestrelRatioTarget:P0} |");
        r.AppendLine(c, $"| home timeline alone at half the wrk rate ({halfLoad.AchievedPerSecond:N0} rps, each run after {options.OpenLoopSettle.TotalSeconds:0} s quiet; the median of {halfLoadRuns.Runs.Count} runs by p99, which were {halfLoadRuns.Spread}), client `openloop` (bench/openloop, C, open loop, wrk2-style, -c{options.OpenLoopConnections}) | p50 {halfLoad.P50Ms:F2} ms, p90 {halfLoad.P90Ms:F2} ms, p99 {halfLoad.P99Ms:F2} ms, p99.9 {halfLoad.P999Ms:F2} ms, max {halfLoad.MaxMs:F1} ms, {halfLoad.Errors} errors, {halfLoad.NonSuccess} non-2xx; client CPU {halfLoad.CpuMsPerRequest * 1000:F0} us per request | p99 < {HalfLoadP99TargetMs} ms |");
        r.AppendLine(c, $"| that run with its warm-up, server time in the gateway's own histogram ({halfLoadServer.Requests:N0} requests) | p50 <= {halfLoadServer.P50UpperMs:G} ms, p99 <= {halfLoadServer.P99UpperMs:G} ms (bucket bounds); {halfLoadCost} | - |");
        if (pgbench is { Count: > 0 })
        {
            var best = pgbench.MaxBy(p => p.TransactionsPerSecond)!;
            foreach (var p in pgbench)
            {
                r.AppendLine(c, $"| original's pull query, pgbench -c{p.Clients} -j2 | {p.TransactionsPerSecond:N0} tps, average {p.AverageLatencyMs:F2} ms | - |");
            }

            r.AppendLine(c, $"| timeline HTTP rps / best pgbench tps (no HTTP at all) | {timeline.RequestsPerSecond / best.TransactionsPerSecond:F2}x | >= {PgBenchRatioTarget}x |");
        }
        else
        {
            r.AppendLine("| original's pull query | not run: PostgreSQL or pgbench unavailable (scripts/bench.sh installs them) | - |");
        }

        r.AppendLine();
        r.AppendLine(c, $"Read layers under the same wrk (-c{options.WrkConnections}), each adding to the one above it unless it names another; median of {timelineRounds.Rounds.Count} rounds alternating over all layers:");
        r.AppendLine();
        r.AppendLine("| layer | adds | rps (rounds) | non-2xx | platform CPU per request | allocated per request | GC pause per request |");
        r.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var layer in layers.Layers)
        {
            var median = layer.Rounds.Median;
            r.AppendLine(c, $"| {layer.Name} | {layer.Adds} | {median.RequestsPerSecond:N0} ({layer.Rounds.Spread}) | {layer.Rounds.Rounds.Sum(x => x.Errors)} | {(median.Cost is { } cost ? $"{cost.PlatformMicrosecondsPerRequest:F0} us (steal {cost.StealShare:P0}) | {cost.AllocatedBytesPerRequest:N0} B | {cost.GcPauseMicrosecondsPerRequest:F1} us" : "- | - | -")} |");
        }

        r.AppendLine();
        r.AppendLine("## 4. Fan-out");
        r.AppendLine();
        r.AppendLine("| measure | result | target |");
        r.AppendLine("|---|---|---|");
        r.AppendLine(c, $"| compose acknowledged, p50 / p99 ({fanOut.Posts} posts) | {fanOut.ComposeP50Ms:F2} / {fanOut.ComposeP99Ms:F2} ms | - |");
        r.AppendLine(c, $"| acknowledged to heading the follower's feed, p50 / p99 / max ({fanOut.Deliveries:N0} follower feeds) | {fanOut.VisibleP50Ms:F2} / {fanOut.VisibleP99Ms:F2} / {fanOut.VisibleMaxMs:F1} ms | p99 < {FanOutP99TargetMs} ms |");
        return r.ToString();
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dailyfeed.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Dailyfeed.sln not found above the benchmark.");
    }
}

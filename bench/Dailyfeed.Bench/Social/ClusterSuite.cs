namespace Dailyfeed.Bench.Social;

/// <summary>The home timeline of one platform: saturating wrk rounds with their costs, then the half-load runs.</summary>
public sealed record TimelineMeasure(WrkRounds Rounds, IReadOnlyList<PlatformCosts> Costs, HalfLoadRuns HalfLoad)
{
    /// <summary>The costs of the median round.</summary>
    public PlatformCosts MedianCosts => Costs[Rounds.Rounds.ToList().IndexOf(Rounds.Median)];
}

/// <summary>
/// `social --cluster`: the home timeline in cluster mode (gateway, write silo and read silo as separate processes on
/// PostgreSQL and RabbitMQ) against the embedded default, both loaded with the same socfb-Reed98 through the public API
/// and measured in the same invocation with the same clients, their wrk rounds alternating so both see the same machine.
/// </summary>
public static class ClusterSuite
{
    private const string HomeRoute = "/api/timeline/posts/followings";

    public static async Task<string> RunAsync(string repositoryRoot)
    {
        var options = new SocialOptions();
        var cluster = new ClusterOptions();
        var graph = Reed98Graph.Load(repositoryRoot);
        if (!WrkRunner.IsInstalled())
        {
            throw new InvalidOperationException("wrk is not installed: run scripts/bench.sh (it installs wrk from Debian).");
        }

        var loadBefore = LoadAverage();
        Console.Error.WriteLine("starting the embedded platform ...");
        await using var embedded = await PlatformProcess.StartAsync(repositoryRoot, options);
        var embeddedNetwork = await LoadAsync("embedded", embedded.Address, graph, options);

        Console.Error.WriteLine("starting the cluster: write silo, read silo, gateway in cluster mode ...");
        await using var clustered = await ClusterPlatform.StartAsync(repositoryRoot, cluster, options);
        var clusterNetwork = await LoadAsync("cluster", clustered.Gateway.Address, graph, options);

        var home = $"{HomeRoute}?size={options.TimelineWindow}";
        var embeddedTarget = new Target(embedded, [embedded], embeddedNetwork.Tokens);
        var clusterTarget = new Target(clustered.Gateway, clustered.Processes, clusterNetwork.Tokens);
        Console.Error.WriteLine($"wrk warm-up, then {options.WrkRounds} rounds alternating embedded / cluster ...");
        foreach (var target in new[] { embeddedTarget, clusterTarget })
        {
            await WrkRunner.RunAsync(target.Gateway.Address, home, target.Tokens, options, options.WrkWarmup);
        }

        for (var round = 0; round < options.WrkRounds; round++)
        {
            await embeddedTarget.RoundAsync(home, options);
            await clusterTarget.RoundAsync(home, options);
        }

        var measures = new List<TimelineMeasure>();
        foreach (var (name, target) in new[] { ("embedded", embeddedTarget), ("cluster", clusterTarget) })
        {
            var rounds = new WrkRounds(target.Results);
            var halfRate = (int)(rounds.Median.RequestsPerSecond / 2);
            Console.Error.WriteLine($"{name}: home timeline alone, open loop at {halfRate} requests/s, {options.HalfLoadRounds} runs ...");
            var halfLoad = await HalfLoadRuns.RunAsync(repositoryRoot, target.Gateway, halfRate, home, HomeRoute, target.Tokens, options);
            measures.Add(new TimelineMeasure(rounds, target.Costs, halfLoad));
        }

        using var api = new SocialApi(clustered.Gateway.Address);
        var page = await api.RawAsync(home, clusterNetwork.Tokens[0]);
        return ClusterReport.Write(new ClusterRun(
            graph, embeddedNetwork, clusterNetwork, measures[0], measures[1], page.Length, loadBefore, LoadAverage(), clustered.Schema, cluster, options));
    }

    private static async Task<LoadedNetwork> LoadAsync(string platform, Uri address, Reed98Graph graph, SocialOptions options)
    {
        using var api = new SocialApi(address);
        Console.Error.WriteLine($"{platform}: loading socfb-Reed98 ({graph.Members} members, {graph.Edges.Count} edges) through the API ...");
        return await GraphLoader.LoadAsync(api, graph, options);
    }

    /// <summary>/proc/loadavg's 1, 5 and 15 minute averages: other engineers share this machine.</summary>
    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>One platform under wrk: its entry process, every process whose cost counts, and its members' tokens.</summary>
    private sealed record Target(PlatformProcess Gateway, IReadOnlyList<PlatformProcess> Processes, string[] Tokens)
    {
        public List<WrkResult> Results { get; } = [];

        public List<PlatformCosts> Costs { get; } = [];

        public async Task RoundAsync(string path, SocialOptions options)
        {
            var window = await ProcessCostWindow.StartAsync(Processes);
            var result = await WrkRunner.RunAsync(Gateway.Address, path, Tokens, options);
            Results.Add(result);
            Costs.Add(await window.StopAsync(result.Requests));
        }
    }
}

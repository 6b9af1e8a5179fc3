using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Dailyfeed.Bench.Social;

/// <summary>Everything the cluster-mode report states.</summary>
public sealed record ClusterRun(
    Reed98Graph Graph, LoadedNetwork EmbeddedNetwork, LoadedNetwork ClusterNetwork, TimelineMeasure Embedded, TimelineMeasure Cluster,
    int PageBytes, string LoadAverageBefore, string LoadAverageAfter, string Schema, ClusterOptions ClusterOptions, SocialOptions Options);

/// <summary>bench/results/social-cluster.md: cluster mode against the embedded default, measured side by side.</summary>
public static class ClusterReport
{
    private const double ReadsRatioTarget = 0.5;
    private const double HalfLoadP99TargetMs = 20;

    /// <summary>Calls rarer than this per read are background (key ring, blacklist refresh), not the read's own.</summary>
    private const double MinimumCallsPerRead = 0.01;

    public static string Write(ClusterRun run)
    {
        var r = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var o = run.Options;
        var (embedded, cluster) = (run.Embedded.Rounds.Median, run.Cluster.Rounds.Median);
        r.AppendLine(c, $"# Social benchmark in cluster mode on socfb-Reed98 ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        r.AppendLine();
        r.AppendLine(c, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; shared with other work: load average (1/5/15 min) {run.LoadAverageBefore} at the start, {run.LoadAverageAfter} at the end. Clients on the same machine over loopback.");
        r.AppendLine();
        r.AppendLine(c, $"Cluster mode: one write silo, one read silo (`Silo`, today's runtime) and the gateway (`Dailyfeed__Gateway__Mode=Cluster`), each its own process, on PostgreSQL 127.0.0.1:5432 (fresh schema `{run.Schema}`, dropped afterwards) and RabbitMQ {run.ClusterOptions.RabbitMqHost}:{run.ClusterOptions.RabbitMqPort} (fresh queue prefix); logs at Warning, rate limits off. Embedded default: gateway + one silo serving both pools, SQLite, its own process. Both platforms run side by side in this invocation; their wrk rounds alternate.");
        r.AppendLine();
        r.AppendLine(c, $"Data, in each platform: {run.Graph.Members} members, {run.Graph.Edges.Count * 2:N0} follows (every edge both ways), 0-{o.MaxPostsPerMember} posts of {o.PostLength} characters per member ({run.EmbeddedNetwork.Posts.Count:N0} posts), loaded through the public API in {run.EmbeddedNetwork.LoadTime.TotalSeconds:F0} s (embedded) and {run.ClusterNetwork.LoadTime.TotalSeconds:F0} s (cluster mode).");
        r.AppendLine();
        r.AppendLine(c, $"## Home timeline reads (10 posts, {run.PageBytes:N0} B; wrk -t2 -c{o.WrkConnections}, {o.WrkDuration.TotalSeconds:0} s rounds after a {o.WrkWarmup.TotalSeconds:0} s warm-up; median of {run.Cluster.Rounds.Rounds.Count} rounds)");
        r.AppendLine();
        r.AppendLine("| measure | cluster mode | embedded default | target |");
        r.AppendLine("|---|---|---|---|");
        r.AppendLine(c, $"| reads/s at saturation (rounds) | {cluster.RequestsPerSecond:N0} ({run.Cluster.Rounds.Spread}) | {embedded.RequestsPerSecond:N0} ({run.Embedded.Rounds.Spread}) | - |");
        r.AppendLine(c, $"| cluster / embedded reads/s | {cluster.RequestsPerSecond / embedded.RequestsPerSecond:P1} | - | >= {ReadsRatioTarget:P0} |");
        r.AppendLine(c, $"| p50 / p99 under wrk | {cluster.P50Ms:F2} / {cluster.P99Ms:F2} ms | {embedded.P50Ms:F2} / {embedded.P99Ms:F2} ms | - |");
        r.AppendLine(c, $"| non-2xx over all rounds | {run.Cluster.Rounds.Rounds.Sum(x => x.Errors)} | {run.Embedded.Rounds.Rounds.Sum(x => x.Errors)} | - |");
        AppendHalfLoad(r, "half-load p99", run.Cluster.HalfLoad, run.Embedded.HalfLoad, h => $"{h.Median.Client.P99Ms:F2} ms (runs: {h.Spread})", $"< {HalfLoadP99TargetMs} ms");
        AppendHalfLoad(r, "half-load p50 / p99.9 / max, errors", run.Cluster.HalfLoad, run.Embedded.HalfLoad, h => $"{h.Median.Client.P50Ms:F2} / {h.Median.Client.P999Ms:F2} / {h.Median.Client.MaxMs:F1} ms, {h.Median.Client.Errors + h.Median.Client.NonSuccess}", "-");
        AppendHalfLoad(r, "half-load server time in the gateway's own histogram, p50 / p99 (bucket bounds)", run.Cluster.HalfLoad, run.Embedded.HalfLoad, h => $"<= {h.Median.Server.P50UpperMs:G} / <= {h.Median.Server.P99UpperMs:G} ms", "-");
        r.AppendLine();
        r.AppendLine(c, $"Half load: the home timeline alone at half of each platform's own wrk median, {o.MixDuration.TotalSeconds:0} s per run after {o.OpenLoopSettle.TotalSeconds:0} s quiet, client `openloop` (bench/openloop, C, open loop, -c{o.OpenLoopConnections}); the run with the median p99 is shown, every run's p99 in brackets.");
        r.AppendLine();
        r.AppendLine("## CPU per timeline read, per process (median wrk round)");
        r.AppendLine();
        r.AppendLine("| platform | process | CPU per read | allocated per read | grain calls made per read |");
        r.AppendLine("|---|---|---|---|---|");
        foreach (var (name, measure) in new[] { ("cluster mode", run.Cluster), ("embedded", run.Embedded) })
        {
            var costs = measure.MedianCosts;
            foreach (var p in costs.Processes)
            {
                r.AppendLine(c, $"| {name} | {p.Process} | {p.CpuMicrosecondsPerRequest:F0} us | {p.AllocatedBytesPerRequest:N0} B | {p.GrainCallsPerRequest:F1} |");
            }

            r.AppendLine(c, $"| {name} | **sum** | **{costs.TotalCpuMicrosecondsPerRequest:F0} us** | {costs.Processes.Sum(p => p.AllocatedBytesPerRequest):N0} B | - |");
        }

        r.AppendLine();
        r.AppendLine(c, $"Cluster mode costs {run.Cluster.MedianCosts.TotalCpuMicrosecondsPerRequest / run.Embedded.MedianCosts.TotalCpuMicrosecondsPerRequest:F1}x the embedded default's CPU per read. Process CPU is user + kernel time of each process over the round; PostgreSQL, RabbitMQ and wrk are not included. Grain calls count where they are made, and only those routed to another silo: the embedded default's calls all stay in its one process.");
        r.AppendLine();
        r.AppendLine("## Grain calls per read in cluster mode (median wrk round)");
        r.AppendLine();
        r.AppendLine("| caller | grain method | calls per read | mean latency seen by the caller (per grain type) |");
        r.AppendLine("|---|---|---|---|");
        foreach (var call in run.Cluster.MedianCosts.CallsByMethod.Where(x => x.PerRequest >= MinimumCallsPerRead))
        {
            r.AppendLine(c, $"| {call.Process} | {call.Call} | {call.PerRequest:F2} | {call.MeanMs:F2} ms |");
        }

        return r.ToString();
    }

    private static void AppendHalfLoad(StringBuilder r, string measure, HalfLoadRuns cluster, HalfLoadRuns embedded, Func<HalfLoadRuns, string> cell, string target) =>
        r.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {cell(cluster)} at {cluster.Median.Client.AchievedPerSecond:N0} reads/s | {cell(embedded)} at {embedded.Median.Client.AchievedPerSecond:N0} reads/s | {target} |");
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Dailyfeed.Deployment.Tests;

public sealed partial class OpsTests
{
    // The runtime's exporter and gauges, and the gateway's own instruments.
    private static readonly string ExportingCode = string.Join('\n',
        new[] { "runtime/Dailyfeed.Runtime/Telemetry", "Gateway.Api/Telemetry" }
            .SelectMany(folder => Directory.GetFiles(Repository.PathOf(folder), "*.cs")).Select(File.ReadAllText));

    [Fact]
    public void Every_alert_has_a_severity_and_a_runbook_that_exists()
    {
        var rules = AlertRules();

        rules.Count.ShouldBeGreaterThanOrEqualTo(7);
        foreach (var rule in rules)
        {
            var name = rule["alert"].ToString();
            ((YamlMappingNode)rule["labels"])["severity"].ToString().ShouldBeOneOf(["page", "ticket"], name);
            var runbook = ((YamlMappingNode)rule["annotations"])["runbook_url"].ToString();
            File.Exists(Repository.PathOf(runbook)).ShouldBeTrue($"{name} links {runbook}");
        }

        rules.Select(r => r["alert"].ToString()).ShouldContain("DailyfeedCircuitOpen");
        rules.Select(r => r["alert"].ToString()).ShouldContain("DailyfeedRateLimitsNotShared");
        rules.Select(r => r["alert"].ToString()).Count(a => a.Contains("Burn")).ShouldBe(4, "a fast and a slow burn alert for availability and for latency");
    }

    [Fact]
    public void Alerts_and_the_dashboard_only_use_metrics_the_hosts_export()
    {
        var expressions = AlertRules().Select(r => r["expr"].ToString()).ToList();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("ops/grafana/dailyfeed.json")));
        expressions.AddRange(dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!)));

        var names = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct().ToList();

        names.ShouldNotBeEmpty();
        foreach (var name in names.Where(n => !n.StartsWith("rabbitmq_", StringComparison.Ordinal)))
        {
            var exported = HistogramSuffix().Replace(name, string.Empty);
            ExportingCode.ShouldContain(exported, Case.Sensitive, $"{name} is used but not exported");
        }
    }

    [Fact]
    public void Promtool_accepts_the_rules()
    {
        // scripts/install-servers.sh installs Debian's prometheus package, which brings promtool.
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
                       ?? throw new InvalidOperationException("promtool is missing: run scripts/install-servers.sh");

        using var process = Process.Start(new ProcessStartInfo(promtool, ["check", "rules", Repository.PathOf("ops/prometheus/alerts.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd());
    }

    private static List<YamlMappingNode> AlertRules()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf("ops/prometheus/alerts.yml"));
        yaml.Load(reader);
        var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
        return groups.Children.Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Children.Cast<YamlMappingNode>())
            .ToList();
    }

    [GeneratedRegex(@"\b(?:http_server|dailyfeed|dotnet|process|rabbitmq)_[a-z_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSuffix();
}

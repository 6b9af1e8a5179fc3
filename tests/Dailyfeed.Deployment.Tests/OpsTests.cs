using System.Diagnostics;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Dailyfeed.Deployment.Tests;

public sealed class OpsTests
{
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

    // That alerts, dashboard and runbooks use only exported metrics is checked against a live gateway's /metrics:
    // tests/Dailyfeed.Gateway.Tests/OpsMetricsTests.cs (the names now come from libraries as well as our code).

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
}

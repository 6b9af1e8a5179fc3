using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Dailyfeed.Deployment.Tests;
using Dailyfeed.ServiceDefaults.Telemetry;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>
/// Every metric the alert rules, the dashboard and the runbooks name is one a live host exports. Names now come from
/// libraries (ASP.NET Core, the .NET runtime, Orleans) as much as from our code, so they are read from a real scrape.
/// </summary>
public sealed partial class OpsMetricsTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    private static readonly string[] OpsFiles = ["ops/prometheus/alerts.yml", "ops/grafana/dailyfeed.json"];

    [Fact]
    public async Task Alerts_dashboard_and_runbooks_only_use_metrics_a_live_gateway_exports()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/healthcheck/live");
        await client.GetAsync("/api/members/profile/123");
        var scrape = PrometheusScrape.Parse(await client.GetStringAsync("/metrics"));
        var declared = DeclaredCounterNames();

        var texts = OpsFiles.Select(Repository.PathOf)
            .Concat(Directory.GetFiles(Repository.PathOf("ops/runbooks"), "*.md"))
            .ToDictionary(path => Path.GetRelativePath(Repository.Root, path), File.ReadAllText);
        var used = texts.SelectMany(t => MetricName().Matches(t.Value).Select(m => (File: t.Key, Name: m.Value))).Distinct().ToList();

        used.Select(u => u.Name).ShouldContain("http_server_request_duration_seconds_count", "the availability alerts count requests");
        // Label names (aspnetcore_rate_limiting_result) look like metric names; they pass by being labels of the scrape.
        var labels = scrape.Samples.SelectMany(s => s.Labels.Keys).ToHashSet();
        foreach (var (file, name) in used.Where(u => !u.Name.StartsWith("rabbitmq_", StringComparison.Ordinal) && !labels.Contains(u.Name)))
        {
            var family = HistogramSuffix().Replace(name, string.Empty);
            var exported = scrape.Samples.Any(s => s.Name == name) || scrape.TypeOf(family) is not null || declared.Contains(name);
            exported.ShouldBeTrue($"{file} uses {name}, which /metrics does not export");
        }
    }

    /// <summary>
    /// Counters of our meters that no request has touched yet (a circuit that never opened, a fallback never taken):
    /// the exporter writes a series only once measured, so these are found by the instrument's exported name.
    /// </summary>
    private static HashSet<string> DeclaredCounterNames()
    {
        // Static meters come to life with their class; make sure both of ours have before listening.
        RuntimeHelpers.RunClassConstructor(typeof(PlatformMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Program).Assembly.GetType("Dailyfeed.Gateway.Api.Telemetry.GatewayMetrics", throwOnError: true)!.TypeHandle);
        var names = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name.StartsWith("Dailyfeed.", StringComparison.Ordinal) && instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal))
            {
                lock (names)
                {
                    names.Add(instrument.Name.Replace('.', '_') + "_total");
                }
            }
        };
        listener.Start();
        return names;
    }

    [GeneratedRegex(@"\b(?:http_server|http_client|dailyfeed|dotnet|process|orleans|aspnetcore|kestrel|rabbitmq)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSuffix();
}

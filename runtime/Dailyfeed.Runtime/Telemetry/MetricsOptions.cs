namespace Dailyfeed.Runtime.Telemetry;

/// <summary>What /metrics serves and how often the gauges that need a store query are refreshed (section Dailyfeed:Metrics).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Dailyfeed:Metrics";

    /// <summary>Path of the Prometheus scrape endpoint.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// How long the exporter reuses a rendered scrape. Zero: every GET collects anew, so two reads around a run (tests,
    /// the bench) see what happened in between; Prometheus scrapes seldom enough that caching saves nothing.
    /// </summary>
    public TimeSpan ScrapeCacheDuration { get; set; } = TimeSpan.Zero;

    /// <summary>How often a silo counts its outbox backlog and open dead letters (a query each) for the backlog gauges.</summary>
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Counting dead letters stops here: beyond it the alert has long fired and the exact number does not matter.</summary>
    public int MaxCountedDeadLetters { get; set; } = 10_000;
}

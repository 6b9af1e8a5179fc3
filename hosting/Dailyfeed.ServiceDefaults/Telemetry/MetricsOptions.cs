namespace Dailyfeed.ServiceDefaults.Telemetry;

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

    /// <summary>
    /// Instruments not collected at all (their measurements are skipped where they are made). Each of these is
    /// recorded per message or per request on the hot path and says nothing another exported series does not:
    /// Orleans' message-pipeline counters and header sizes (dailyfeed_grain_calls_total and
    /// orleans_app_requests_latency count the same calls), its directory-cache lookups (four per grain call), and
    /// ASP.NET Core's per-request lease, routing and authentication timings (http_server_request_duration_seconds and
    /// aspnetcore_rate_limiting_requests_total keep requests and rejections). A timeline read makes 12 grain calls.
    /// </summary>
    public IList<string> DroppedInstruments { get; set; } =
    [
        "orleans-messaging-processing-dispatcher-received",
        "orleans-messaging-processing-dispatcher-processed",
        "orleans-messaging-processing-dispatcher-forwarded",
        "orleans-messaging-processing-ima-received",
        "orleans-messaging-processing-ima-enqueued",
        "orleans-messaging-sent-local",
        "orleans-messaging-sent-header-size",
        "orleans-messaging-received-header-size",
        "orleans-directory-lookups-cache-issued",
        "orleans-directory-lookups-cache-successes",
        "orleans-directory-lookups-local-issued",
        "orleans-directory-lookups-local-successes",
        "aspnetcore.rate_limiting.request_lease.duration",
        "aspnetcore.rate_limiting.active_request_leases",
        "aspnetcore.routing.match_attempts",
        "aspnetcore.authentication.authenticate.duration",
    ];

    /// <summary>Counting dead letters stops here: beyond it the alert has long fired and the exact number does not matter.</summary>
    public int MaxCountedDeadLetters { get; set; } = 10_000;
}

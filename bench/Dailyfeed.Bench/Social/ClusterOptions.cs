namespace Dailyfeed.Bench.Social;

/// <summary>Knobs of the cluster-mode run (`social --cluster`); the rest comes from <see cref="SocialOptions"/>.</summary>
public sealed record ClusterOptions
{
    public string PostgreSqlConnection { get; init; } =
        Environment.GetEnvironmentVariable("DAILYFEED_PG_CONNECTION") ?? "Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed";

    public string RabbitMqHost { get; init; } = "127.0.0.1";

    public int RabbitMqPort { get; init; } = 5672;

    public string RabbitMqUser { get; init; } = "guest";

    public string RabbitMqPassword { get; init; } = "guest";

    /// <summary>The idle expiry the silos add to the retention in each queue's x-expires (the queues are deleted at the end anyway).</summary>
    public TimeSpan QueueExpiry { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The platform's streams, one queue each per day: the run deletes them all at the end.</summary>
    public IReadOnlyList<string> Streams { get; init; } = ["member-activity"];

    /// <summary>Days of the streams' retention (Dailyfeed:Streams:Retention, 7 days by default): how many day queues exist.</summary>
    public int StreamRetentionDays { get; init; } = 7;

    /// <summary>Where the processes' logs go (stdout and stderr, one file per process), kept after the run.</summary>
    public string LogFolder { get; init; } = Path.Combine(Path.GetTempPath(), "dailyfeed-bench-cluster");
}

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

    /// <summary>The silos' stream queues (Dailyfeed:RabbitMq:QueueCount; the provider's default is 8): the run deletes them all at the end.</summary>
    public int StreamQueueCount { get; init; } = 8;

    /// <summary>Where the processes' logs go (stdout and stderr, one file per process), kept after the run.</summary>
    public string LogFolder { get; init; } = Path.Combine(Path.GetTempPath(), "dailyfeed-bench-cluster");
}

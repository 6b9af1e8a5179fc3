namespace Dailyfeed.Gateway.Api.Redis;

/// <summary>
/// The Redis every gateway shares for short-lived state such as rate-limit budgets (configuration section
/// Dailyfeed:Redis). Empty <see cref="Configuration"/> (the embedded default) means no Redis: budgets stay in-process.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Dailyfeed:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "redis:6379" or "redis:6379,password=...".</summary>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>Password, when kept apart from <see cref="Configuration"/> (the chart reads it from a Secret).</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>Prefix of every key this deployment writes, so several deployments (or tests) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "dailyfeed:";

    /// <summary>How long one connection attempt may take; requests never wait for it.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one command may take before the gateway gives up on it and decides alone.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a failed command, how long the gateway decides alone before it asks Redis again.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}

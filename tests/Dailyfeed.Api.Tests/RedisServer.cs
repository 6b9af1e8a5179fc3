namespace Dailyfeed.Api.Tests;

/// <summary>The real redis-server scripts/install-servers.sh starts (env DAILYFEED_REDIS to point elsewhere).</summary>
internal static class RedisServer
{
    public static readonly string Configuration = Environment.GetEnvironmentVariable("DAILYFEED_REDIS") ?? "127.0.0.1:6379";

    /// <summary>Settings that make a gateway share budgets through <paramref name="configuration"/>, under keys no other test touches.</summary>
    public static Dictionary<string, string?> SharedBudgets(string keyPrefix, string? configuration = null) => new()
    {
        ["Dailyfeed:Redis:Configuration"] = configuration ?? Configuration,
        ["Dailyfeed:Redis:KeyPrefix"] = keyPrefix,
        // A loaded CI machine can take a while to answer; a timeout here would turn a shared decision into a local one.
        ["Dailyfeed:Redis:OperationTimeout"] = "00:00:02",
    };

    public static string UniqueKeyPrefix() => $"test:{Guid.NewGuid():N}:";
}

using Dailyfeed.Runtime;

namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>What one cleanup pass removed.</summary>
public sealed record TokenCleanupResult(int ExpiredSessions, int BlacklistEntries);

/// <summary>
/// Deletes expired refresh sessions and blacklist entries, on a durable reminder and on demand (Batch cleanup-tokens).
/// One grain, key <see cref="TokenCleanup.Key"/>.
/// </summary>
[GrainPool(GrainPools.Write)]
public interface ITokenCleanupGrain : IGrainWithStringKey, IRemindable
{
    Task<TokenCleanupResult> CleanupAsync();

    Task EnsureScheduledAsync();
}

public static class TokenCleanup
{
    public const string Key = "global";
}

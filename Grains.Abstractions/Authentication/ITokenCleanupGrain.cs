
namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>What one cleanup pass removed.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.authentication.TokenCleanupResult")]
public sealed record TokenCleanupResult([Id(0)] int ExpiredSessions, [Id(1)] int BlacklistEntries);

/// <summary>
/// Deletes expired refresh sessions and blacklist entries, on a durable reminder and on demand (Batch cleanup-tokens).
/// One grain, key <see cref="TokenCleanup.Key"/>.
/// </summary>
[Alias("dailyfeed.authentication.ITokenCleanupGrain")]
public interface ITokenCleanupGrain : IGrainWithStringKey
{
    Task<TokenCleanupResult> CleanupAsync();

    Task EnsureScheduledAsync();
}

public static class TokenCleanup
{
    public const string Key = "global";
}

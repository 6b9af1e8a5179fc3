
namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>A logged-out access token id, blacklisted until the token would have expired anyway.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.authentication.BlacklistEntry")]
public sealed record BlacklistEntry([Id(0)] string Jti, [Id(1)] long MemberId, [Id(2)] DateTimeOffset ExpiresAt, [Id(3)] string Reason);

/// <summary>Entries added after a version, and the version to ask from next time.</summary>
[GenerateSerializer, Alias("dailyfeed.authentication.BlacklistChanges")]
public sealed record BlacklistChanges([Id(0)] long Version, [Id(1)] IReadOnlyList<BlacklistEntry> Entries);

/// <summary>
/// The cluster's access-token blacklist (one grain, key "global"). Gateways pull changes every few hundred
/// milliseconds into memory, so requests are checked without a database round trip.
/// </summary>
[Alias("dailyfeed.authentication.ITokenBlacklistGrain")]
public interface ITokenBlacklistGrain : IGrainWithStringKey
{
    Task AddAsync(BlacklistEntry entry);

    [ReadOnly]
    Task<BlacklistChanges> GetChangesSinceAsync(long version);

    /// <summary>Drops entries whose token expired; returns how many.</summary>
    Task<int> PruneExpiredAsync();
}

public static class TokenBlacklist
{
    public const string Key = "global";
}

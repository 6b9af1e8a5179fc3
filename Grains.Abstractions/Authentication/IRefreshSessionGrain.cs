
namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>
/// One login session, i.e. one refresh-token family, keyed by family id. Each refresh rotates the token; a token rotated
/// away less than the reuse grace ago still refreshes (requests and tabs racing one rotation), and one presented after
/// that is treated as theft and revokes the whole family.
/// </summary>
[Alias("dailyfeed.authentication.IRefreshSessionGrain")]
public interface IRefreshSessionGrain : IGrainWithGuidKey
{
    /// <summary>Starts the family for a member with its first token.</summary>
    Task<IssuedRefreshToken> StartAsync(long memberId, ClientInfo client);

    /// <summary>Validates the presented token and rotates it; throws REFRESH_TOKEN_INVALID (relogin) otherwise.</summary>
    Task<RefreshOutcome> RotateOrThrowAsync(string presentedToken, ClientInfo client);

    /// <summary>True when the presented token would refresh now: current or within the reuse grace, unexpired, unrevoked.</summary>
    [ReadOnly]
    Task<bool> IsValidAsync(string presentedToken);

    Task RevokeAsync(string reason);

    /// <summary>Deletes the session's record once its token has expired; true when it did.</summary>
    Task<bool> DeleteIfExpiredAsync();
}

/// <summary>The families of one member, so that logout-all can revoke every session. Keyed by member id.</summary>
[Alias("dailyfeed.authentication.IMemberSessionsGrain")]
public interface IMemberSessionsGrain : IGrainWithIntegerKey
{
    Task AddAsync(Guid familyId);

    /// <summary>Revokes every session of the member; returns how many.</summary>
    Task<int> RevokeAllAsync(string reason);
}

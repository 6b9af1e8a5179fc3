using System.Security.Cryptography;
using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// A refresh-token family with rotation and reuse detection: the current token is exchanged for a new one; an older
/// token of the family coming back means someone else holds a copy, so the whole family is revoked.
/// </summary>
public sealed class RefreshSessionGrain(
    [PersistentState("refresh_session")] IPersistentState<RefreshSessionState> session,
    IOptions<AuthenticationOptions> options,
    TimeProvider clock,
    ILogger<RefreshSessionGrain> logger) : Grain, IRefreshSessionGrain
{
    private readonly AuthenticationOptions _options = options.Value;

    public async Task<IssuedRefreshToken> StartAsync(long memberId, ClientInfo client)
    {
        if (session.RecordExists)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, "This refresh session already exists.");
        }

        session.State.MemberId = memberId;
        session.State.CreatedAt = clock.GetUtcNow();
        var token = IssueNext(client);
        await session.WriteStateAsync();
        await GrainFactory.GetGrain<IMemberSessionsGrain>(memberId).AddAsync(GetPrimaryKey());
        await IndexExpiryAsync();
        return token;
    }

    public async Task<RefreshOutcome> RotateOrThrowAsync(string presentedToken, ClientInfo client)
    {
        if (!RefreshTokenFormat.TryParse(presentedToken, out var family, out var tokenId, out var secret) ||
            family != GetPrimaryKey() || !session.RecordExists)
        {
            throw Invalid("the refresh token is not recognized");
        }

        if (session.State.RotatedTokenIds.Contains(tokenId))
        {
            session.State.RevokedReason = "reuse of a rotated refresh token";
            await session.WriteStateAsync();
            logger.LogWarning("Refresh token reuse in session {Family} of member {MemberId}: session revoked", family, session.State.MemberId);
            throw Invalid("the refresh token was already used; every session of this login is revoked");
        }

        ThrowIfNotCurrent(tokenId, secret);
        session.State.RotatedTokenIds.Add(tokenId);
        if (session.State.RotatedTokenIds.Count > _options.RememberedRotatedTokens)
        {
            session.State.RotatedTokenIds.RemoveAt(0);
        }

        var token = IssueNext(client);
        await session.WriteStateAsync();
        await IndexExpiryAsync();
        return new RefreshOutcome(session.State.MemberId, token);
    }

    public Task<bool> IsValidAsync(string presentedToken)
    {
        var valid = RefreshTokenFormat.TryParse(presentedToken, out var family, out var tokenId, out var secret) &&
                    family == GetPrimaryKey() && session.RecordExists && IsCurrent(tokenId, secret);
        return Task.FromResult(valid);
    }

    public async Task RevokeAsync(string reason)
    {
        if (!session.RecordExists || session.State.RevokedReason is not null)
        {
            return;
        }

        session.State.RevokedReason = reason;
        await session.WriteStateAsync();
    }

    public async Task<bool> DeleteIfExpiredAsync()
    {
        if (!session.RecordExists || session.State.ExpiresAt > clock.GetUtcNow())
        {
            return false;
        }

        await session.ClearStateAsync();
        DeactivateOnIdle();
        return true;
    }

    /// <summary>Lists the session under its expiry bucket so cleanup finds it without scanning.</summary>
    private Task IndexExpiryAsync() =>
        GrainFactory.GetGrain<ISessionExpiryIndexGrain>(SessionExpiryBuckets.Of(session.State.ExpiresAt, _options.SessionExpiryBucket))
            .AddAsync(GetPrimaryKey());

    private IssuedRefreshToken IssueNext(ClientInfo client)
    {
        var secret = RandomNumberGenerator.GetBytes(_options.RefreshSecretBytes);
        var tokenId = Guid.NewGuid().ToString("N");
        session.State.CurrentTokenId = tokenId;
        session.State.CurrentSecretHash = RefreshTokenFormat.Hash(secret);
        session.State.ExpiresAt = clock.GetUtcNow() + _options.RefreshTokenLifetime;
        session.State.LastClient = client;
        return new IssuedRefreshToken(RefreshTokenFormat.Compose(GetPrimaryKey(), tokenId, secret), session.State.ExpiresAt);
    }

    private bool IsCurrent(string tokenId, byte[] secret) =>
        session.State.RevokedReason is null &&
        session.State.CurrentTokenId == tokenId &&
        session.State.ExpiresAt > clock.GetUtcNow() &&
        RefreshTokenFormat.Matches(secret, session.State.CurrentSecretHash);

    private void ThrowIfNotCurrent(string tokenId, byte[] secret)
    {
        if (!IsCurrent(tokenId, secret))
        {
            throw Invalid(session.State.RevokedReason is null ? "the refresh token expired or is not valid" : "the session was revoked");
        }
    }

    private static DomainException Invalid(string why) => new(ErrorCodes.RefreshTokenInvalid, $"Please log in again: {why}.");
}

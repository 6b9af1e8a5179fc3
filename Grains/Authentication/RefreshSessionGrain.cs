using System.Security.Cryptography;
using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// A refresh-token family with rotation and reuse detection: the current token is exchanged for a new one. A token
/// rotated away within the reuse grace still refreshes (concurrent requests, several tabs); an older token of the
/// family coming back after that means someone else holds a copy, so the whole family is revoked.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class RefreshSessionGrain(
    [PersistentState(RefreshSessionGrain.StateName)] IPersistentState<RefreshSessionState> session,
    IOptions<AuthenticationOptions> options,
    IOptions<RefreshReuseOptions> reuse,
    TimeProvider clock,
    ILogger<RefreshSessionGrain> logger) : Grain, IRefreshSessionGrain
{
    public const string StateName = "refresh_session";

    private readonly AuthenticationOptions _options = options.Value;
    private readonly RefreshReuseOptions _reuse = reuse.Value;

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
        await GrainFactory.GetGrain<IMemberSessionsGrain>(memberId).AddAsync(this.GetPrimaryKey());
        await IndexExpiryAsync();
        return token;
    }

    public async Task<RefreshOutcome> RotateOrThrowAsync(string presentedToken, ClientInfo client)
    {
        if (!RefreshTokenFormat.TryParse(presentedToken, out var family, out var tokenId, out var secret) ||
            family != this.GetPrimaryKey() || !session.RecordExists)
        {
            throw Invalid("the refresh token is not recognized");
        }

        var live = Liveness(tokenId, secret);
        if (live == TokenLiveness.Dead && session.State.RotatedTokenIds.Contains(tokenId) && session.State.RevokedReason is null)
        {
            session.State.RevokedReason = "reuse of a rotated refresh token";
            await session.WriteStateAsync();
            logger.LogWarning("Refresh token reuse in session {Family} of member {MemberId}: session revoked", family, session.State.MemberId);
            throw Invalid("the refresh token was already used; every session of this login is revoked");
        }

        if (live == TokenLiveness.Dead)
        {
            throw Invalid(session.State.RevokedReason is null ? "the refresh token expired or is not valid" : "the session was revoked");
        }

        if (live == TokenLiveness.InReuseGrace)
        {
            logger.LogInformation("Refresh token of session {Family} reused within the grace window: rotated again", family);
        }

        RetireCurrentToken();
        var token = IssueNext(client);
        await session.WriteStateAsync();
        await IndexExpiryAsync();
        return new RefreshOutcome(session.State.MemberId, token);
    }

    public Task<bool> IsValidAsync(string presentedToken)
    {
        var valid = RefreshTokenFormat.TryParse(presentedToken, out var family, out var tokenId, out var secret) &&
                    family == this.GetPrimaryKey() && session.RecordExists && Liveness(tokenId, secret) != TokenLiveness.Dead;
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
            .AddAsync(this.GetPrimaryKey());

    private IssuedRefreshToken IssueNext(ClientInfo client)
    {
        var secret = RandomNumberGenerator.GetBytes(_options.RefreshSecretBytes);
        var tokenId = Guid.NewGuid().ToString("N");
        session.State.CurrentTokenId = tokenId;
        session.State.CurrentSecretHash = RefreshTokenFormat.Hash(secret);
        session.State.ExpiresAt = clock.GetUtcNow() + _options.RefreshTokenLifetime;
        session.State.LastClient = client;
        return new IssuedRefreshToken(RefreshTokenFormat.Compose(this.GetPrimaryKey(), tokenId, secret), session.State.ExpiresAt);
    }

    /// <summary>
    /// Whether a presented token may refresh: the current one, or one rotated away less than the reuse grace ago (a
    /// second tab or a request that raced the rotation), in a session neither revoked nor expired.
    /// </summary>
    private TokenLiveness Liveness(string tokenId, byte[] secret)
    {
        var state = session.State;
        var now = clock.GetUtcNow();
        if (state.RevokedReason is not null || state.ExpiresAt <= now)
        {
            return TokenLiveness.Dead;
        }

        if (state.CurrentTokenId == tokenId)
        {
            return RefreshTokenFormat.Matches(secret, state.CurrentSecretHash) ? TokenLiveness.Current : TokenLiveness.Dead;
        }

        var recent = state.RecentlyRotated.Find(t => t.TokenId == tokenId);
        return recent is not null && now - recent.RotatedAt < _reuse.RefreshReuseGrace && RefreshTokenFormat.Matches(secret, recent.SecretHash)
            ? TokenLiveness.InReuseGrace
            : TokenLiveness.Dead;
    }

    /// <summary>
    /// Moves the current token into the rotated lists: remembered by id for theft detection, and by hash for the reuse
    /// grace. A token reused within its grace keeps its first rotation time, so the grace never extends itself.
    /// </summary>
    private void RetireCurrentToken()
    {
        var state = session.State;
        var now = clock.GetUtcNow();
        state.RecentlyRotated.RemoveAll(t => now - t.RotatedAt >= _reuse.RefreshReuseGrace);
        if (state.CurrentTokenId is { } current && !state.RotatedTokenIds.Contains(current))
        {
            state.RotatedTokenIds.Add(current);
            state.RecentlyRotated.Add(new RotatedRefreshToken { TokenId = current, SecretHash = state.CurrentSecretHash, RotatedAt = now });
        }

        TrimToNewest(state.RotatedTokenIds);
        TrimToNewest(state.RecentlyRotated);
    }

    private void TrimToNewest<T>(List<T> remembered)
    {
        if (remembered.Count > _options.RememberedRotatedTokens)
        {
            remembered.RemoveRange(0, remembered.Count - _options.RememberedRotatedTokens);
        }
    }

    private enum TokenLiveness
    {
        Dead,
        Current,
        InReuseGrace,
    }

    private static DomainException Invalid(string why) => new(ErrorCodes.RefreshTokenInvalid, $"Please log in again: {why}.");
}

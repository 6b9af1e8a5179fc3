using Dailyfeed.Gateway.Api.Fallbacks;
using Dailyfeed.Grains.Abstractions.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>
/// The gateway's copy of the signing keys: read from the key-ring grain on an interval, so signing and verifying a
/// token costs no grain call. An unknown kid triggers one early refresh (rate-limited) in case a rotation just happened.
/// A re-read that fails while the cluster is down keeps the keys it holds (for <see cref="JwtOptions.KeyRefreshFailureTolerance"/>):
/// refusing every signed-in member would turn a database outage into a total one.
/// </summary>
public sealed class SigningKeyCache(IGrainFactory grains, IOptions<JwtOptions> options, TimeProvider clock, ILogger<SigningKeyCache> logger)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile SigningKeySet? _keys;

    /// <summary>The last read, successful or not: paces the next one.</summary>
    private long _lastRefreshTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>The last read that returned the keys.</summary>
    private long _lastSuccessTicks = DateTimeOffset.MinValue.UtcTicks;

    public async Task<SigningKeySet> GetAsync(CancellationToken cancellationToken)
    {
        var keys = _keys;
        if (keys is not null && clock.GetUtcNow() - LastRefresh < options.Value.KeyRefreshInterval)
        {
            return keys;
        }

        return await RefreshAsync(cancellationToken);
    }

    /// <summary>The key for a kid, refreshing once if it is not known yet.</summary>
    public async Task<SigningKey?> FindAsync(string? keyId, CancellationToken cancellationToken)
    {
        var keys = await GetAsync(cancellationToken);
        var key = keys.Keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null && keyId is not null && clock.GetUtcNow() - LastRefresh >= options.Value.UnknownKeyRefreshCooldown)
        {
            keys = await RefreshAsync(cancellationToken);
            key = keys.Keys.FirstOrDefault(k => k.KeyId == keyId);
        }

        return key;
    }

    /// <summary>True when the kid names a key the ring deleted: the token is old, not forged, and should be refreshed.</summary>
    public bool IsForgotten(string? keyId) => keyId is not null && _keys?.ForgottenKeyIds.Contains(keyId) == true;

    /// <summary>Read atomically: requests on many threads check it while a refresh writes it.</summary>
    private DateTimeOffset LastRefresh => new(Interlocked.Read(ref _lastRefreshTicks), TimeSpan.Zero);

    private DateTimeOffset LastSuccess => new(Interlocked.Read(ref _lastSuccessTicks), TimeSpan.Zero);

    private bool WithinFailureTolerance() => clock.GetUtcNow() - LastSuccess < options.Value.KeyRefreshFailureTolerance;

    public static SymmetricSecurityKey ToSecurityKey(SigningKey key) => new(key.Secret) { KeyId = key.KeyId };

    public async Task<SigningKeySet> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var keys = await grains.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key).GetKeysAsync();
            _keys = keys;
            var now = clock.GetUtcNow().UtcTicks;
            Interlocked.Exchange(ref _lastRefreshTicks, now);
            Interlocked.Exchange(ref _lastSuccessTicks, now);
            return keys;
        }
        catch (Exception ex) when (ClusterOutage.Is(ex) && _keys is { } held && WithinFailureTolerance())
        {
            // Tried again after the refresh interval, not on every request while the outage lasts.
            Interlocked.Exchange(ref _lastRefreshTicks, clock.GetUtcNow().UtcTicks);
            logger.LogWarning("Signing keys could not be re-read ({Reason}); verifying with the keys read at {ReadAt:O}",
                ex.Message, LastSuccess);
            return held;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}

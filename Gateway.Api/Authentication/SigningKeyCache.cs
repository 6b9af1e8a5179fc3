using Dailyfeed.Grains.Abstractions.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>
/// The gateway's copy of the signing keys: read from the key-ring grain on an interval, so signing and verifying a
/// token costs no grain call. An unknown kid triggers one early refresh (rate-limited) in case a rotation just happened.
/// </summary>
public sealed class SigningKeyCache(IGrainFactory grains, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile SigningKeySet? _keys;
    private long _lastRefreshTicks = DateTimeOffset.MinValue.UtcTicks;

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

    public static SymmetricSecurityKey ToSecurityKey(SigningKey key) => new(key.Secret) { KeyId = key.KeyId };

    public async Task<SigningKeySet> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var keys = await grains.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key).GetKeysAsync();
            _keys = keys;
            Interlocked.Exchange(ref _lastRefreshTicks, clock.GetUtcNow().UtcTicks);
            return keys;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}

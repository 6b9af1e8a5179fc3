using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>What a verified access token said, kept so the same token need not be verified again.</summary>
public sealed record ValidatedToken(string KeyId, long MemberId, string Jti, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// The request user this token stands for, built once: nothing mutates a principal after authentication, and
    /// building its claims per request was a tenth of a timeline read's allocations.
    /// </summary>
    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
        [
            new Claim(JwtRegisteredClaimNames.Sub, MemberId.ToString(CultureInfo.InvariantCulture)),
            new Claim(JwtRegisteredClaimNames.Jti, Jti),
            new Claim(JwtRegisteredClaimNames.Exp, ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ],
        AccessTokenAuthenticationHandler.SchemeName,
        JwtRegisteredClaimNames.Sub,
        roleType: null));
}

/// <summary>
/// Access tokens whose signature, issuer, audience and lifetime already checked out, keyed by the exact text they
/// arrived in (the whole Authorization header value). A client sends the same token on every request for its whole life, and verifying it again (parse, HMAC, claim
/// set) was about a tenth of a timeline read's CPU. Only what the signature vouches for is remembered: the key's
/// current state, the blacklist and expiry are judged on every request by <see cref="AccessTokenService"/>.
/// </summary>
public sealed class ValidatedTokenCache(IOptions<JwtOptions> options, TimeProvider clock) : IDisposable
{
    // A cache of its own, so its size limit cannot starve (or be starved by) any other cache.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.ValidatedTokenCacheSize) });
    private readonly bool _enabled = options.Value.ValidatedTokenCacheSize > 0;

    /// <summary>The remembered token, unless it is unknown or has expired since.</summary>
    public ValidatedToken? Find(string token) =>
        _cache.TryGetValue(token, out ValidatedToken? known) && known is not null && clock.GetUtcNow() < known.ExpiresAt ? known : null;

    public void Add(string token, ValidatedToken validated)
    {
        if (_enabled && clock.GetUtcNow() < validated.ExpiresAt)
        {
            _cache.Set(token, validated, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = validated.ExpiresAt });
        }
    }

    public void Dispose() => _cache.Dispose();
}

using System.Globalization;
using System.Security.Claims;
using Dailyfeed.Grains.Abstractions.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>
/// Issues and checks access tokens: HS256 JWTs with kid, sub (member id), jti and exp. Only HS256 is accepted, so
/// "alg: none" and algorithm-confusion tokens fail before any claim is read.
/// </summary>
public sealed class AccessTokenService(
    SigningKeyCache keys,
    TokenBlacklistCache blacklist,
    IOptions<JwtOptions> options,
    TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private readonly JwtOptions _options = options.Value;

    public async Task<(string Token, string Jti, DateTimeOffset ExpiresAt)> IssueAsync(long memberId, CancellationToken cancellationToken)
    {
        var keySet = await keys.GetAsync(cancellationToken);
        var primary = keySet.Keys.Single(k => k.IsPrimary);
        var jti = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var expires = now + _options.AccessTokenLifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = memberId.ToString(CultureInfo.InvariantCulture),
                [JwtRegisteredClaimNames.Jti] = jti,
            },
            SigningCredentials = new SigningCredentials(SigningKeyCache.ToSecurityKey(primary), SecurityAlgorithms.HmacSha256),
        });
        return (token, jti, expires);
    }

    public async Task<AccessTokenCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return new AccessTokenCheck(TokenVerdict.Missing);
        }

        if (!TryReadKeyId(token, out var keyId))
        {
            return new AccessTokenCheck(TokenVerdict.Invalid);
        }

        var key = await keys.FindAsync(keyId, cancellationToken);
        if (key is null)
        {
            return new AccessTokenCheck(TokenVerdict.Invalid);
        }

        var result = await Handler.ValidateTokenAsync(token, Parameters(key));
        if (!result.IsValid)
        {
            return new AccessTokenCheck(result.Exception is SecurityTokenExpiredException ? TokenVerdict.Expired : TokenVerdict.Invalid);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!long.TryParse(jwt.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var memberId) || string.IsNullOrEmpty(jwt.Id))
        {
            return new AccessTokenCheck(TokenVerdict.Invalid);
        }

        var verdict = blacklist.IsBlacklisted(jwt.Id) ? TokenVerdict.Blacklisted
            : !key.IsActive ? TokenVerdict.KeyExpired
            : key.IsPrimary ? TokenVerdict.Valid
            : TokenVerdict.ValidRefreshSuggested;
        return new AccessTokenCheck(verdict, memberId, jwt.Id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
    }

    public static ClaimsPrincipal ToPrincipal(AccessTokenCheck check, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(JwtRegisteredClaimNames.Sub, check.MemberId.ToString(CultureInfo.InvariantCulture)),
            new Claim(JwtRegisteredClaimNames.Jti, check.Jti!),
            new Claim(JwtRegisteredClaimNames.Exp, check.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ],
        scheme,
        JwtRegisteredClaimNames.Sub,
        roleType: null));

    private static bool TryReadKeyId(string token, out string? keyId)
    {
        keyId = null;
        if (!Handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            keyId = Handler.ReadJsonWebToken(token).Kid;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return false;
        }
    }

    private TokenValidationParameters Parameters(SigningKey key) => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.Audience,
        IssuerSigningKey = SigningKeyCache.ToSecurityKey(key),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = _options.ClockSkew,
    };
}

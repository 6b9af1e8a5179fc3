using System.Globalization;
using System.Runtime.CompilerServices;
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
    ValidatedTokenCache validated,
    IOptions<JwtOptions> options,
    TimeProvider clock)
{
    private const string BearerPrefix = "Bearer ";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private readonly JwtOptions _options = options.Value;
    private readonly ConditionalWeakTable<SigningKey, TokenValidationParameters> _parameters = new();

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
                ["id"] = memberId, // the original frontend reads the member id from claim "id"
            },
            SigningCredentials = new SigningCredentials(SigningKeyCache.ToSecurityKey(primary), SecurityAlgorithms.HmacSha256),
        });
        return (token, jti, expires);
    }

    /// <summary>
    /// Checks the bearer token of an Authorization header. A verified token is remembered by the header's own text,
    /// so a request with a known token neither copies it out of the header nor parses it.
    /// </summary>
    public async Task<AccessTokenCheck> CheckAuthorizationAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (authorization is not null && validated.Find(authorization) is { } known)
        {
            return Judge(known, await keys.FindAsync(known.KeyId, cancellationToken));
        }

        var token = authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : null;
        if (string.IsNullOrWhiteSpace(token))
        {
            return new AccessTokenCheck(TokenVerdict.Missing);
        }

        if (TryRead(token) is not { } parsed)
        {
            return new AccessTokenCheck(TokenVerdict.Invalid);
        }

        var key = await keys.FindAsync(parsed.Kid, cancellationToken);
        if (key is null)
        {
            return new AccessTokenCheck(keys.IsForgotten(parsed.Kid) ? TokenVerdict.KeyExpired : TokenVerdict.Invalid);
        }

        var result = await Handler.ValidateTokenAsync(parsed, ParametersFor(key));
        if (!result.IsValid)
        {
            return new AccessTokenCheck(result.Exception is SecurityTokenExpiredException ? TokenVerdict.Expired : TokenVerdict.Invalid);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!long.TryParse(jwt.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var memberId) || string.IsNullOrEmpty(jwt.Id))
        {
            return new AccessTokenCheck(TokenVerdict.Invalid);
        }

        var verified = new ValidatedToken(key.KeyId, memberId, jwt.Id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        validated.Add(authorization!, verified);
        return Judge(verified, key);
    }

    /// <summary>
    /// The verdict on a verified token as things stand now: its key may have retired or been deleted since, its jti been
    /// logged out.
    /// </summary>
    private AccessTokenCheck Judge(ValidatedToken token, SigningKey? key)
    {
        var verdict = key is null ? (keys.IsForgotten(token.KeyId) ? TokenVerdict.KeyExpired : TokenVerdict.Invalid)
            : blacklist.IsBlacklisted(token.Jti) ? TokenVerdict.Blacklisted
            : !key.IsActive ? TokenVerdict.KeyExpired
            : key.IsPrimary ? TokenVerdict.Valid
            : TokenVerdict.ValidRefreshSuggested;
        return verdict == TokenVerdict.Invalid
            ? new AccessTokenCheck(verdict)
            : new AccessTokenCheck(verdict, token.MemberId, token.Jti, token.ExpiresAt, token.Principal);
    }

    /// <summary>Parses once; the parsed token is what gets validated (no second parse, no format regex).</summary>
    private static JsonWebToken? TryRead(string token)
    {
        try
        {
            return Handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
    }

    /// <summary>
    /// One parameter set per key object: IdentityModel caches its HMAC provider per key instance, so a fresh key per
    /// request would hash the secret and churn that cache on every call. Keys are replaced on refresh, and the weak
    /// table forgets them with their set.
    /// </summary>
    private TokenValidationParameters ParametersFor(SigningKey key) => _parameters.GetValue(key, Parameters);

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

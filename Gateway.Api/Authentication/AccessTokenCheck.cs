using System.Security.Claims;
using Dailyfeed.Grains.Abstractions.Errors;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>What checking an access token concluded, and what the client should do about it.</summary>
public enum TokenVerdict
{
    Valid,
    /// <summary>Valid, but signed by a key that is no longer primary: answer normally and ask for a refresh.</summary>
    ValidRefreshSuggested,
    Missing,
    Invalid,
    Expired,
    KeyExpired,
    Blacklisted,
}

/// <param name="Principal">The request user of a valid token; null otherwise.</param>
public sealed record AccessTokenCheck(
    TokenVerdict Verdict, long MemberId = 0, string? Jti = null, DateTimeOffset ExpiresAt = default, ClaimsPrincipal? Principal = null)
{
    public bool IsValid => Verdict is TokenVerdict.Valid or TokenVerdict.ValidRefreshSuggested;

    public string ErrorCode => Verdict switch
    {
        TokenVerdict.Missing => ErrorCodes.BearerTokenMissing,
        TokenVerdict.Expired => ErrorCodes.JwtExpired,
        TokenVerdict.KeyExpired => ErrorCodes.JwtKeyExpired,
        _ => ErrorCodes.InvalidToken,
    };

    public string Message => Verdict switch
    {
        TokenVerdict.Missing => "An Authorization: Bearer token is required.",
        TokenVerdict.Expired => "The access token expired; refresh it.",
        TokenVerdict.KeyExpired => "The access token was signed by a retired key; refresh it.",
        TokenVerdict.Blacklisted => "The access token was logged out; log in again.",
        _ => "The access token is not valid.",
    };
}

using System.Globalization;
using System.Security.Claims;
using Dailyfeed.Grains.Abstractions.Errors;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>The authenticated member of a request, read from the principal the access-token handler built.</summary>
public static class CurrentMember
{
    public static long IdOrThrow(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Sub), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new DomainException(ErrorCodes.MemberUnauthorized, "Log in to use this endpoint.");

    public static (string Jti, DateTimeOffset ExpiresAt) AccessTokenOrThrow(this ClaimsPrincipal user)
    {
        var jti = user.FindFirstValue(JwtRegisteredClaimNames.Jti);
        var exp = user.FindFirstValue(JwtRegisteredClaimNames.Exp);
        return jti is not null && long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? (jti, DateTimeOffset.FromUnixTimeSeconds(seconds))
            : throw new DomainException(ErrorCodes.MemberUnauthorized, "Log in to use this endpoint.");
    }
}

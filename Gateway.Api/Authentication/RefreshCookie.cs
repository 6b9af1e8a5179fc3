using Dailyfeed.Grains.Abstractions.Authentication;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>The refresh token's cookie: HttpOnly, Secure, SameSite=Strict, Path=/, Max-Age = the token's life.</summary>
public sealed class RefreshCookie(IOptions<JwtOptions> options, TimeProvider clock)
{
    public string? Read(HttpRequest request) => request.Cookies[options.Value.RefreshCookieName];

    public void Write(HttpResponse response, IssuedRefreshToken token) =>
        response.Cookies.Append(options.Value.RefreshCookieName, token.Value, Settings(token.ExpiresAt - clock.GetUtcNow()));

    public void Clear(HttpResponse response) =>
        response.Cookies.Append(options.Value.RefreshCookieName, string.Empty, Settings(TimeSpan.Zero));

    private static CookieOptions Settings(TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };
}

using System.Text.Encodings.Web;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>
/// ASP.NET Core authentication for Dailyfeed access tokens. A failed check answers 401 in the error envelope with the
/// original's hint header: X-Token-Refresh-Needed when a refresh can fix it (expired token or retired key, and the
/// refresh cookie is still good), X-Relogin-Required when only a new login can (logged out, refresh gone).
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenService tokens,
    IGrainFactory grains,
    IOptions<JwtOptions> jwtOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DailyfeedAccessToken";
    private const string CheckItem = "dailyfeed.token-check";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var check = await tokens.CheckAuthorizationAsync(Request.Headers.Authorization, Context.RequestAborted);
        if (!check.IsValid)
        {
            // Only a failed check can lead to a challenge, which reads it back; a valid one spares the request its
            // Items dictionary.
            Context.Items[CheckItem] = check;
            return check.Verdict == TokenVerdict.Missing ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(check.Message);
        }

        if (check.Verdict == TokenVerdict.ValidRefreshSuggested)
        {
            Response.Headers[AuthHeaders.TokenRefreshNeeded] = AuthHeaders.True;
        }

        return AuthenticateResult.Success(new AuthenticationTicket(check.Principal!, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var check = Context.Items[CheckItem] as AccessTokenCheck ?? new AccessTokenCheck(TokenVerdict.Missing);
        var refreshable = check.Verdict is TokenVerdict.Expired or TokenVerdict.KeyExpired && await HasValidRefreshCookieAsync();
        if (refreshable)
        {
            Response.Headers[AuthHeaders.TokenRefreshNeeded] = AuthHeaders.True;
        }
        else if (check.Verdict is TokenVerdict.Expired or TokenVerdict.KeyExpired or TokenVerdict.Blacklisted)
        {
            Response.Headers[AuthHeaders.ReloginRequired] = AuthHeaders.True;
        }

        await ApiResults.Error(Context, check.ErrorCode, check.Message, StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiResults.Error(Context, Grains.Abstractions.Errors.ErrorCodes.MemberForbidden, "This action is not allowed.").ExecuteAsync(Context);

    private async Task<bool> HasValidRefreshCookieAsync()
    {
        var cookie = Request.Cookies[jwtOptions.Value.RefreshCookieName];
        return RefreshTokenRouting.FamilyIdOf(cookie) is { } family &&
               await grains.GetGrain<IRefreshSessionGrain>(family).IsValidAsync(cookie!);
    }
}

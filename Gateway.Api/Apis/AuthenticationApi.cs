using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Text;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>Signup, login, refresh, logout: the original's /api/authentication surface plus /api/token/refresh.</summary>
public static class AuthenticationApi
{
    public const string MemberSequence = "member";

    public static IEndpointRouteBuilder MapAuthenticationApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/authentication").WithTags("Authentication");
        auth.MapPost("/signup", SignupAsync);
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/refresh", RefreshAsync);
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization();
        auth.MapPost("/logout-all", LogoutAllAsync).RequireAuthorization();
        auth.MapDelete("/deactivate", DeactivateAsync).RequireAuthorization();
        app.MapPost("/api/token/refresh", RefreshAsync).WithTags("Authentication");
        return app;
    }

    public sealed record LoginRequest(string? Email, string? Password);

    private static async Task<IResult> SignupAsync(MemberRegistration registration, IGrainFactory grains)
    {
        var id = await grains.GetGrain<IIdAllocatorGrain>(MemberSequence).ReserveAsync(1);
        var profile = await grains.GetGrain<IMemberGrain>(id).RegisterAsync(registration);
        return ApiResults.Created(new MemberIdName(profile.Id, profile.MemberName));
    }

    private static async Task<IResult> LoginAsync(
        LoginRequest request, HttpContext context, IGrainFactory grains, AccessTokenService tokens, RefreshCookie cookie)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            throw new DomainException(ErrorCodes.InvalidRequest, "email and password are required.");
        }

        // A key with a control character cannot exist and some stores cannot even look it up.
        UserText.RefuseControlCharactersOrThrow("email", request.Email);
        var memberId = await grains.GetGrain<IUniqueKeyGrain>(UniqueKeys.Email(request.Email)).GetOwnerAsync()
                       ?? throw new DomainException(ErrorCodes.MemberPasswordInvalid, "The email or password is not correct.");
        var summary = await grains.GetGrain<IMemberGrain>(memberId).VerifyPasswordOrThrowAsync(request.Password);
        var refresh = await grains.GetGrain<IRefreshSessionGrain>(Guid.NewGuid()).StartAsync(memberId, ClientOf(context));
        await IssueAsync(context, tokens, cookie, memberId, refresh);
        return ApiResults.Ok(summary);
    }

    private static async Task<IResult> RefreshAsync(HttpContext context, IGrainFactory grains, AccessTokenService tokens, RefreshCookie cookie)
    {
        var presented = cookie.Read(context.Request);
        try
        {
            var family = RefreshTokenRouting.FamilyIdOf(presented)
                         ?? throw new DomainException(ErrorCodes.RefreshTokenInvalid, "Please log in again: no refresh token was sent.");
            var outcome = await grains.GetGrain<IRefreshSessionGrain>(family).RotateOrThrowAsync(presented!, ClientOf(context));
            await IssueAsync(context, tokens, cookie, outcome.MemberId, outcome.RefreshToken);
            return ApiResults.Ok(true);
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.RefreshTokenInvalid)
        {
            cookie.Clear(context.Response);
            context.Response.Headers[AuthHeaders.ReloginRequired] = AuthHeaders.True;
            return ApiResults.Error(context, ex.Code, ex.Message);
        }
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IGrainFactory grains, TokenBlacklistCache blacklist, RefreshCookie cookie)
    {
        await BlacklistCurrentTokenAsync(context, grains, blacklist, "logout");
        await grains.GetGrain<IMemberGrain>(context.User.IdOrThrow()).RecordLogoutAsync();
        var presented = cookie.Read(context.Request);
        if (RefreshTokenRouting.FamilyIdOf(presented) is { } family)
        {
            await grains.GetGrain<IRefreshSessionGrain>(family).RevokeAsync("logout");
        }

        cookie.Clear(context.Response);
        return ApiResults.Ok(true);
    }

    private static async Task<IResult> LogoutAllAsync(HttpContext context, IGrainFactory grains, TokenBlacklistCache blacklist, RefreshCookie cookie)
    {
        await BlacklistCurrentTokenAsync(context, grains, blacklist, "logout-all");
        await grains.GetGrain<IMemberGrain>(context.User.IdOrThrow()).RecordLogoutAsync();
        await grains.GetGrain<IMemberSessionsGrain>(context.User.IdOrThrow()).RevokeAllAsync("logout-all");
        cookie.Clear(context.Response);
        return ApiResults.Ok(true);
    }

    private static async Task<IResult> DeactivateAsync(HttpContext context, IGrainFactory grains, TokenBlacklistCache blacklist, RefreshCookie cookie)
    {
        var memberId = context.User.IdOrThrow();
        await grains.GetGrain<IMemberGrain>(memberId).DeactivateAsync();
        await grains.GetGrain<IMemberSessionsGrain>(memberId).RevokeAllAsync("deactivated");
        await BlacklistCurrentTokenAsync(context, grains, blacklist, "deactivated");
        cookie.Clear(context.Response);
        return ApiResults.Ok(true);
    }

    private static async Task IssueAsync(HttpContext context, AccessTokenService tokens, RefreshCookie cookie, long memberId, IssuedRefreshToken refresh)
    {
        var (accessToken, _, _) = await tokens.IssueAsync(memberId, context.RequestAborted);
        context.Response.Headers.Authorization = $"Bearer {accessToken}";
        cookie.Write(context.Response, refresh);
    }

    private static async Task BlacklistCurrentTokenAsync(HttpContext context, IGrainFactory grains, TokenBlacklistCache blacklist, string reason)
    {
        var (jti, expiresAt) = context.User.AccessTokenOrThrow();
        var entry = new BlacklistEntry(jti, context.User.IdOrThrow(), expiresAt, reason);
        await grains.GetGrain<ITokenBlacklistGrain>(TokenBlacklist.Key).AddAsync(entry);
        blacklist.Add(entry);
    }

    private static ClientInfo ClientOf(HttpContext context) =>
        new(context.Request.Headers.UserAgent.ToString(), context.Connection.RemoteIpAddress?.ToString());
}

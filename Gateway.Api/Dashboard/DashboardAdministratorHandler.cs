using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Dashboard;

/// <summary>
/// HTTP Basic for the dashboard's administrator: the dashboard is a browser page whose own requests carry no bearer
/// token, and a browser repeats Basic credentials on every request to the same path by itself.
/// </summary>
public sealed class DashboardAdministratorHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    IOptions<DashboardAccessOptions> access,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "DashboardAdministrator";
    public const string Role = "dashboard-administrator";
    private const string Realm = "Orleans Dashboard";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var credentials = Decode(header.Parameter);
        var options = access.Value;
        if (credentials is not var (user, password) || !options.HasAdministrator
            || !SameText(user, options.AdministratorUser!) | !SameText(password, options.AdministratorPassword!))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong dashboard credentials."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static (string User, string Password)? Decode(string parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Constant time, so response timing does not reveal how much of a guess was right.
    private static bool SameText(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

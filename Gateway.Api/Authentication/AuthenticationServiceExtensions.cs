using Microsoft.AspNetCore.Authentication;

namespace Dailyfeed.Gateway.Api.Authentication;

public static class AuthenticationServiceExtensions
{
    /// <summary>Access-token authentication, the key and blacklist caches, and the refresh cookie.</summary>
    public static IServiceCollection AddDailyfeedAuthentication(this IServiceCollection services)
    {
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeyCache>();
        services.AddSingleton<TokenBlacklistCache>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenBlacklistCache>());
        services.AddSingleton<AccessTokenService>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<RefreshCookie>();
        services.AddAuthentication(AccessTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}

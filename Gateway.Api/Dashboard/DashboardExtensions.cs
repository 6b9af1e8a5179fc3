using Dailyfeed.Gateway.Api.Hosting;
using Orleans.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace Dailyfeed.Gateway.Api.Dashboard;

public static class DashboardExtensions
{
    private const string AdministratorPolicy = "DashboardAdministrator";

    /// <summary>Whether this gateway serves the dashboard: always in the embedded default, on request in cluster mode.</summary>
    public static bool ServesDashboard(GatewayOptions gateway, DashboardAccessOptions access) =>
        gateway.Mode == GatewayMode.Embedded || access.Enabled;

    /// <summary>
    /// The administrator scheme and policy. Cluster mode refuses to start a dashboard without an administrator
    /// account, rather than serve the cluster's internals to anyone.
    /// </summary>
    public static IServiceCollection AddDailyfeedDashboardAccess(this IServiceCollection services, GatewayOptions gateway, DashboardAccessOptions access)
    {
        if (gateway.Mode == GatewayMode.Cluster && access.Enabled && !access.HasAdministrator)
        {
            throw new InvalidOperationException(
                $"{DashboardAccessOptions.Section}:Enabled is set but no administrator is configured: set "
                + $"{DashboardAccessOptions.Section}:AdministratorUser and :AdministratorPassword (from a secret), or turn the dashboard off.");
        }

        services.AddOptions<DashboardAccessOptions>().BindConfiguration(DashboardAccessOptions.Section);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DashboardAdministratorHandler>(DashboardAdministratorHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(AdministratorPolicy, policy => policy
            .AddAuthenticationSchemes(DashboardAdministratorHandler.SchemeName)
            .RequireRole(DashboardAdministratorHandler.Role));
        return services;
    }

    /// <summary>Maps the dashboard at its path; behind the administrator policy whenever an administrator is configured.</summary>
    public static void MapDailyfeedDashboard(this WebApplication app, DashboardAccessOptions access)
    {
        var dashboard = app.MapOrleansDashboard(routePrefix: access.Path).DisableRateLimiting();
        if (access.HasAdministrator)
        {
            dashboard.RequireAuthorization(AdministratorPolicy);
        }
    }
}

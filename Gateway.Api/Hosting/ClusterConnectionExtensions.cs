using Dailyfeed.Gateway.Api.Dashboard;
using Dailyfeed.Grains.Hosting;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Sqlite.Hosting;
using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.Outbox.Hosting;
using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Dailyfeed.ServiceDefaults.Telemetry;
using Dailyfeed.Search;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace Dailyfeed.Gateway.Api.Hosting;

/// <summary>Wires the gateway to the cluster in the configured mode.</summary>
public static class ClusterConnectionExtensions
{
    public static WebApplicationBuilder AddDailyfeedCluster(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var identity = configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
        var dashboard = configuration.GetSection(DashboardAccessOptions.Section).Get<DashboardAccessOptions>() ?? new DashboardAccessOptions();
        var servesDashboard = DashboardExtensions.ServesDashboard(options, dashboard);
        if (options.Mode == GatewayMode.Embedded)
        {
            // One process, no server: a co-hosted silo serving both pools, state and reminders in one SQLite file.
            var endpoint = configuration.GetSection(SiloEndpointOptions.Section).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
            var sqlite = configuration.GetSection(SqliteClusterOptions.Section).Get<SqliteClusterOptions>() ?? new SqliteClusterOptions();
            builder.Services.AddSqliteClusterStore();
            builder.Services.AddSqliteSearch();
            builder.Services.AddDailyfeedGrains(configuration);
            builder.UseOrleans(silo =>
            {
                silo.UseDailyfeedLocalhostClustering(endpoint, identity);
                silo.UseDailyfeedOutboxStorage();
                silo.AddDailyfeedMemoryStreams();
                silo.UseSqliteReminderService(reminders => reminders.DataSource = sqlite.DataSource);
                silo.AddGrainPools([.. GrainPools.All]);
                silo.AddDashboard();
            });
        }
        else
        {
            // A pure Orleans client: it finds the silos' gateways in the PostgreSQL membership table.
            builder.Services.AddDailyfeedGrainCalls();
            builder.UseOrleansClient(client =>
            {
                TraceContext.TraceGrainCalls();
                client.AddActivityPropagation();
                client.UseConnectionRetryFilter(async (_, cancellationToken) =>
                {
                    await Task.Delay(options.ClusterConnectRetryDelay, cancellationToken);
                    return true;
                });
                client.UseDailyfeedCluster(configuration);
                if (servesDashboard)
                {
                    client.AddDashboard();
                }
            });
        }

        builder.Services.AddDailyfeedDashboardAccess(options, dashboard);
        return builder;
    }

    /// <summary>Maps what <see cref="AddDailyfeedCluster"/> chose to serve (the Orleans Dashboard).</summary>
    public static WebApplication MapDailyfeedCluster(this WebApplication app)
    {
        var options = app.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var dashboard = app.Configuration.GetSection(DashboardAccessOptions.Section).Get<DashboardAccessOptions>() ?? new DashboardAccessOptions();
        if (DashboardExtensions.ServesDashboard(options, dashboard))
        {
            app.MapDailyfeedDashboard(dashboard);
        }

        return app;
    }
}

using Dailyfeed.Grains.Hosting;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.PostgreSql.Hosting;
using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.Outbox.Hosting;
using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Dailyfeed.Search;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace Dailyfeed.Silo.Hosting;

public static class DailyfeedSiloExtensions
{
    /// <summary>
    /// An Orleans silo of the production cluster from configuration: endpoints and pools (Dailyfeed:Silo), cluster ids
    /// (Dailyfeed:Cluster), membership, reminders and grain state with its stream outbox in PostgreSQL
    /// (Dailyfeed:PostgreSql), search in PostgreSQL. The stream provider is the host's choice (<paramref name="configure"/>).
    /// </summary>
    public static IHostApplicationBuilder AddDailyfeedSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var configuration = builder.Configuration;
        var endpoint = configuration.GetSection(SiloEndpointOptions.Section).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
        var identity = configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
        var store = configuration.GetSection(PostgreSqlClusterOptions.Section).Get<PostgreSqlClusterOptions>() ?? new PostgreSqlClusterOptions();

        builder.Services.AddPostgreSqlClusterStore();
        builder.Services.AddPostgreSqlSearch();
        builder.Services.AddDailyfeedGrains(configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseDailyfeedEndpoints(endpoint, identity);
            silo.UseDailyfeedPostgreSql(options =>
            {
                options.ConnectionString = store.ConnectionString;
                options.Schema = store.Schema;
                // Grain state goes through the outbox storage, which commits stream events with it.
                options.UseForGrainStorage = false;
            });
            silo.UseDailyfeedOutboxStorage();
            silo.AddGrainPools(endpoint.Pools.Count == 0 ? [.. GrainPools.All] : [.. endpoint.Pools]);
            if (endpoint.KubernetesHosting)
            {
                silo.UseKubernetesHosting(hosting => hosting.Configure(k => k.DeleteDefunctSiloPods = endpoint.DeleteDefunctSiloPods));
            }

            // The gateway serves the Orleans Dashboard only when enabled; its statistics come from every silo.
            if (configuration.GetValue<bool>("Dailyfeed:Dashboard:Enabled"))
            {
                silo.AddDashboard();
            }

            configure?.Invoke(silo);
        });
        return builder;
    }
}

using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.PostgreSql.Hosting;
using Microsoft.Extensions.Configuration;
using global::Orleans.Configuration;
using global::Orleans.Hosting;

namespace Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>
    /// Joins the production cluster as a client, from the same configuration its silos read: cluster ids
    /// (Dailyfeed:Cluster) and the PostgreSQL membership table (Dailyfeed:PostgreSql) where it finds their gateways.
    /// </summary>
    public static IClientBuilder UseDailyfeedCluster(this IClientBuilder client, IConfiguration configuration)
    {
        var identity = configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
        var store = configuration.GetSection(PostgreSqlClusterOptions.Section).Get<PostgreSqlClusterOptions>() ?? new PostgreSqlClusterOptions();
        client.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = identity.ClusterId;
            cluster.ServiceId = identity.ServiceId;
        });
        return client.UseDailyfeedPostgreSqlClustering(clustering =>
        {
            clustering.ConnectionString = store.ConnectionString;
            clustering.Schema = store.Schema;
        });
    }
}

using Dailyfeed.Grains.Hosting;
using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.PostgreSql.Hosting;
using Dailyfeed.Runtime.Sqlite.Hosting;
using Dailyfeed.Runtime.Streams;
using Dailyfeed.Search;

namespace Dailyfeed.Gateway.Api.Hosting;

/// <summary>Wires the gateway to the cluster in the configured mode.</summary>
public static class ClusterConnectionExtensions
{
    public static WebApplicationBuilder AddDailyfeedCluster(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        if (options.Mode == GatewayMode.Embedded)
        {
            builder.Services.AddSqliteClusterStore();
            builder.Services.AddInMemoryStreams(new InMemoryStreamBus());
            builder.Services.AddSqliteSearch();
            builder.Services.AddDailyfeedGrains(builder.Configuration);
            builder.Services.AddDailyfeedSilo(silo => silo.AddGrains(typeof(DailyfeedGrainsServiceCollectionExtensions).Assembly));
        }
        else
        {
            builder.Services.AddPostgreSqlClusterStore();
            builder.Services.AddDailyfeedClient();
        }

        return builder;
    }
}

using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Dailyfeed.Batch.Hosting;

/// <summary>Makes the batch an Orleans client of the configured cluster (<see cref="BatchOptions.Store"/>).</summary>
internal static class BatchClusterExtensions
{
    public static HostApplicationBuilder AddBatchCluster(this HostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(BatchOptions.Section).Get<BatchOptions>() ?? new BatchOptions();
        var identity = configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
        builder.Services.AddOptions<BatchOptions>().BindConfiguration(BatchOptions.Section);
        // Grain exceptions of the project's own types (a dependency outage, for one) reach the commands as themselves.
        builder.Services.AddDailyfeedGrainCalls();
        builder.UseOrleansClient(client =>
        {
            if (options.Store == BatchStore.Sqlite)
            {
                var endpoint = configuration.GetSection(SiloEndpointOptions.Section).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
                client.UseLocalhostClustering(EmbeddedGatewayPortOrThrow(endpoint), identity.ServiceId, identity.ClusterId);
                return;
            }

            client.UseDailyfeedCluster(configuration);
        });
        return builder;
    }

    // An embedded gateway left on a free port (0) cannot be found from another process: it must be given one.
    private static int EmbeddedGatewayPortOrThrow(SiloEndpointOptions endpoint) =>
        endpoint.GatewayPort > 0
            ? endpoint.GatewayPort
            : throw new OrleansConfigurationException(
                $"{SiloEndpointOptions.Section}:GatewayPort must name the embedded gateway's silo gateway port (it is {endpoint.GatewayPort}).");
}

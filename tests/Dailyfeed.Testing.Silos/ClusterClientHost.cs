using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace Dailyfeed.Testing.Silos;

/// <summary>
/// A plain Orleans client host of a test cluster. It finds the silos through the PostgreSQL membership table, as the
/// gateway does, reading the cluster ids and store from the same settings (and keys) the silos read.
/// </summary>
public static class ClusterClientHost
{
    public static async Task<IHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseDailyfeedCluster(configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

using System.Net;
using Dailyfeed.Bench.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Dailyfeed.Bench.Runtime;

/// <summary>
/// One Orleans silo on loopback TCP with localhost clustering and nothing else (no storage, streams or reminders),
/// so only the runtime is on the measured path. Disposing stops it.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    /// <summary>Grain factory of the silo itself: calls made through it start inside the silo process.</summary>
    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchSilo> StartAsync(RuntimeBenchOptions options)
    {
        var host = new HostBuilder()
            .ConfigureLogging(BenchLogging.WarningsToStandardError)
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                silo.Configure<EndpointOptions>(e =>
                {
                    e.AdvertisedIPAddress = options.Address;
                    e.SiloListeningEndpoint = new IPEndPoint(options.Address, options.SiloPort);
                    e.GatewayListeningEndpoint = new IPEndPoint(options.Address, options.GatewayPort);
                });
                silo.Configure<GrainCollectionOptions>(c => c.CollectionAge = options.CollectionAge);
            })
            .Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

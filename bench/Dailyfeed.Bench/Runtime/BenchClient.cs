using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

namespace Dailyfeed.Bench.Runtime;

/// <summary>
/// An Orleans cluster client in its own host, connected over loopback TCP to a <see cref="BenchSilo"/>'s gateway
/// port: every call is serialized, framed, written to a socket and answered the same way, as from a separate process.
/// </summary>
public sealed class BenchClient : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<BenchClient> ConnectAsync(RuntimeBenchOptions options)
    {
        var host = new HostBuilder()
            .ConfigureLogging(BenchLogging.WarningsToStandardError)
            .UseOrleansClient(client => client.UseLocalhostClustering(options.GatewayPort))
            .Build();
        await host.StartAsync();
        return new BenchClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

extern alias silo;

using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.Outbox.Streams;
using silo::Dailyfeed.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Dailyfeed.Testing.Silos;

/// <summary>
/// Real Orleans silos in this process, built by the production silo's own composition (<c>AddDailyfeedSilo</c>):
/// membership, reminders and state in PostgreSQL, real TCP on loopback with free ports. Gateways (and this cluster's
/// <see cref="Client"/>) find them through the membership table, as in production.
/// </summary>
/// <param name="settings">Configuration of every silo and of the client, in the keys a deployed silo reads.</param>
/// <param name="configureSilos">Extra services for every silo (test doubles).</param>
/// <param name="minimumLogLevel">The silos' minimum log level; null keeps the host's default.</param>
/// <param name="configureOrleans">Orleans additions for every silo (the stream provider), as a host's Program makes them.</param>
/// <param name="settingsOfPools">Configuration a silo gets for the pools it serves (a write silo that takes no clients).</param>
public sealed class SiloHostCluster(
    IReadOnlyDictionary<string, string?> settings,
    Action<IServiceCollection> configureSilos,
    LogLevel? minimumLogLevel = null,
    Action<ISiloBuilder>? configureOrleans = null,
    Func<IReadOnlyList<string>, IReadOnlyDictionary<string, string?>>? settingsOfPools = null) : IAsyncDisposable
{
    /// <summary>Loopback, with port 0 so the OS picks free ports: many clusters run in one test process at once.</summary>
    private static readonly Dictionary<string, string?> Endpoints = new()
    {
        [$"{SiloEndpointOptions.Section}:Port"] = "0",
        [$"{SiloEndpointOptions.Section}:GatewayPort"] = "0",
        [$"{SiloEndpointOptions.Section}:ListenAddress"] = "127.0.0.1",
    };

    private readonly List<TestSilo> _silos = [];
    private IHost? _client;

    /// <summary>Running silos, in start order (stopped and killed ones are removed).</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>A plain Orleans client of the cluster (what the tests call grains through).</summary>
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
                                    ?? throw new InvalidOperationException("The cluster has not been deployed.");

    /// <summary>Starts one silo for each entry of <paramref name="layout"/>, serving the pools it names.</summary>
    public async Task DeployAsync(IEnumerable<string[]> layout)
    {
        foreach (var pools in layout)
        {
            await StartSiloAsync(pools);
        }

        _client = await ClusterClientHost.StartAsync(settings);
        await PoolReadiness.WaitAsync(Client, _silos.Count);
    }

    /// <summary>Starts <paramref name="silos"/> silos, each serving every pool (the silo's default).</summary>
    public Task DeployAsync(int silos) => DeployAsync(Enumerable.Repeat(Array.Empty<string>(), silos));

    /// <summary>Starts a silo serving <paramref name="pools"/>; none named leaves the silo's default, every pool.</summary>
    public async Task<TestSilo> StartSiloAsync(string[] pools)
    {
        var name = pools.Length == 0 ? $"silo-{_silos.Count}" : $"silo-{_silos.Count}-{string.Join('+', pools)}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(Endpoints);
        if (settingsOfPools is not null)
        {
            builder.Configuration.AddInMemoryCollection(settingsOfPools(pools));
        }

        for (var i = 0; i < pools.Length; i++)
        {
            builder.Configuration[$"{SiloEndpointOptions.Section}:Pools:{i}"] = pools[i];
        }

        if (minimumLogLevel is { } level)
        {
            builder.Logging.SetMinimumLevel(level);
        }

        builder.Configuration[$"{SiloEndpointOptions.Section}:Name"] = name;
        builder.AddDailyfeedSilo(configureOrleans);
        configureSilos(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestSilo(name, pools.Length == 0 ? GrainPools.All : pools, host);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>The silo the grain directory names for <paramref name="grain"/> (see <see cref="GrainLocations.SiloOfAsync"/>).</summary>
    public Task<string?> SiloOfAsync(IAddressable grain) => GrainLocations.SiloOfAsync(Client, grain);

    /// <summary>Stops a silo without a goodbye to its grains (the closest an in-process silo gets to a crash).</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.Host.StopAsync(new CancellationToken(canceled: true));
        silo.Host.Dispose();
    }

    /// <summary>
    /// A crash as far as the broker can tell: the silo's stream provider connection closes before its receivers could
    /// acknowledge what they hold, so the broker hands those messages to the silo that takes the queues over; then
    /// the silo stops as in <see cref="StopSiloAsync"/>.
    /// </summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        if (silo.Services.GetKeyedService<RabbitMqConnection>(DailyfeedStreams.ProviderName) is { } connection)
        {
            await connection.DisposeAsync();
        }

        await StopSiloAsync(silo);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        // Stopped together: each silo's graceful stop waits on membership updates the others see.
        await Task.WhenAll(_silos.Select(async silo =>
        {
            await silo.Host.StopAsync();
            silo.Host.Dispose();
        }));
        _silos.Clear();
    }
}

extern alias silo;

using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Orleans.PostgreSql.Hosting;
using silo::Dailyfeed.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Dailyfeed.Api.Tests.Hosting;

/// <summary>One in-process silo host of a <see cref="SiloHostCluster"/>.</summary>
public sealed record TestSilo(string Name, IReadOnlyList<string> Pools, IHost Host)
{
    public IServiceProvider Services => Host.Services;
}

/// <summary>
/// Real Orleans silos in this process, built by the production silo's own composition (<c>AddDailyfeedSilo</c>):
/// membership, reminders and state in PostgreSQL, real TCP on loopback with free ports. Gateways (and this cluster's
/// <see cref="Client"/>) find them through the membership table, as in production.
/// </summary>
public sealed class SiloHostCluster(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> configureSilos) : IAsyncDisposable
{
    private static readonly TimeSpan PoolsReadyLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PoolsReadyPoll = TimeSpan.FromMilliseconds(200);

    private readonly List<TestSilo> _silos = [];
    private IHost? _client;

    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>A plain Orleans client of the cluster (what the tests call grains through).</summary>
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
                                    ?? throw new InvalidOperationException("The cluster has not been deployed.");

    public async Task DeployAsync(IEnumerable<string[]> layout)
    {
        foreach (var pools in layout)
        {
            await StartSiloAsync(pools);
        }

        _client = await StartClientAsync();
        await WaitForPoolsAsync();
    }

    public async Task<TestSilo> StartSiloAsync(string[] pools)
    {
        var name = $"silo-{_silos.Count}-{string.Join('+', pools)}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dailyfeed:Silo:Port"] = "0",
            ["Dailyfeed:Silo:GatewayPort"] = "0",
            ["Dailyfeed:Silo:ListenAddress"] = "127.0.0.1",
        });
        for (var i = 0; i < pools.Length; i++)
        {
            builder.Configuration[$"Dailyfeed:Silo:Pools:{i}"] = pools[i];
        }

        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Configuration["Dailyfeed:Silo:Name"] = name;
        builder.AddDailyfeedSilo();
        configureSilos(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestSilo(name, pools, host);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>The name of the silo holding <paramref name="grain"/>'s activation (null when it is not active).</summary>
    public async Task<string?> SiloOfAsync(IAddressable grain)
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        var address = await management.GetActivationAddress(grain);
        return address is null
            ? null
            : (await management.GetDetailedHosts(onlyActive: true)).SingleOrDefault(host => host.SiloAddress.Equals(address))?.SiloName;
    }

    /// <summary>Stops a silo without a goodbye to its grains (the closest an in-process silo gets to a crash).</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.Host.StopAsync(new CancellationToken(canceled: true));
        silo.Host.Dispose();
    }

    private async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings["Dailyfeed:Cluster:ClusterId"]!;
                o.ServiceId = settings["Dailyfeed:Cluster:ServiceId"]!;
            });
            client.UseDailyfeedPostgreSqlClustering(o =>
            {
                o.ConnectionString = settings["Dailyfeed:PostgreSql:ConnectionString"]!;
                o.Schema = settings["Dailyfeed:PostgreSql:Schema"]!;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>
    /// Waits until every silo is active and a grain of each pool answers: right after a silo joins, the others may
    /// not have its pools yet, and a call placed then would find no silo for the pool.
    /// </summary>
    private async Task WaitForPoolsAsync()
    {
        var deadline = DateTime.UtcNow + PoolsReadyLimit;
        var management = Client.GetGrain<IManagementGrain>(0);
        while (true)
        {
            try
            {
                if ((await management.GetHosts(onlyActive: true)).Count == _silos.Count)
                {
                    await Client.GetGrain<ICelebrityDirectoryGrain>(CelebrityDirectory.Key).GetAllAsync();
                    await Client.GetGrain<IUniqueKeyGrain>("cluster-ready-probe").GetOwnerAsync();
                    return;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The cluster's pools were not all served within {PoolsReadyLimit}.");
            }

            await Task.Delay(PoolsReadyPoll);
        }
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

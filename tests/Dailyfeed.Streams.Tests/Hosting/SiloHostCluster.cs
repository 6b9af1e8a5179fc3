extern alias silo;

using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Orleans.PostgreSql.Hosting;
using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.PostgreSql.Hosting;
using Dailyfeed.Runtime.Streams;
using silo::Dailyfeed.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Dailyfeed.Streams.Tests.Hosting;

/// <summary>One in-process silo host of a <see cref="SiloHostCluster"/>.</summary>
public sealed record TestSilo(string Name, IHost Host)
{
    public IServiceProvider Services => Host.Services;
}

/// <summary>
/// Real Orleans silos in this process, built by the production silo's own composition (<c>AddDailyfeedSilo</c>):
/// membership, reminders and state in PostgreSQL, real TCP on loopback with free ports, each silo serving both pools.
/// The same approach as the API tests' harness, which this project cannot reference; it adds
/// <see cref="KillSiloAsync"/>, which the stream tests need and the API tests do not.
/// </summary>
public sealed class SiloHostCluster(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> configureSilos) : IAsyncDisposable
{
    private static readonly TimeSpan PoolsReadyLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PoolsReadyPoll = TimeSpan.FromMilliseconds(200);

    private readonly List<TestSilo> _silos = [];
    private IHost? _client;

    /// <summary>Running silos, in start order (killed ones are removed).</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>A plain Orleans client of the cluster, found through the membership table as the gateway finds it.</summary>
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
                                    ?? throw new InvalidOperationException("The cluster has not been deployed.");

    public async Task DeployAsync(int silos)
    {
        for (var i = 0; i < silos; i++)
        {
            await StartSiloAsync();
        }

        _client = await StartClientAsync();
        await WaitForPoolsAsync();
    }

    private async Task StartSiloAsync()
    {
        var name = $"silo-{_silos.Count}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{SiloEndpointOptions.Section}:Port"] = "0",
            [$"{SiloEndpointOptions.Section}:GatewayPort"] = "0",
            [$"{SiloEndpointOptions.Section}:ListenAddress"] = "127.0.0.1",
            [$"{SiloEndpointOptions.Section}:Name"] = name,
        });
        builder.AddDailyfeedSilo();
        configureSilos(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        _silos.Add(new TestSilo(name, host));
    }

    /// <summary>
    /// A crash as far as the broker can tell: the silo's RabbitMQ connection drops without closing its consumers, so
    /// the broker hands the deliveries it had in flight to the other silos; then the silo stops without a goodbye to
    /// its grains.
    /// </summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.Services.GetRequiredService<IStreamTransport>().KillAsync();
        await silo.Host.StopAsync(new CancellationToken(canceled: true));
        silo.Host.Dispose();
    }

    private async Task<IHost> StartClientAsync()
    {
        var identity = Section<ClusterIdentityOptions>(ClusterIdentityOptions.Section);
        var store = Section<PostgreSqlClusterOptions>(PostgreSqlClusterOptions.Section);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = identity.ClusterId;
                o.ServiceId = identity.ServiceId;
            });
            client.UseDailyfeedPostgreSqlClustering(o =>
            {
                o.ConnectionString = store.ConnectionString;
                o.Schema = store.Schema;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private T Section<T>(string section) where T : new() =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(section).Get<T>() ?? new T();

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

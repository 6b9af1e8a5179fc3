using System.Net;
using System.Net.Sockets;
using Dailyfeed.Orleans.PostgreSql.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

/// <summary>
/// Two silos and a client that find each other only through the PostgreSQL membership table
/// (TestingHost's clusters use in-memory membership, so these are plain hosts on free ports).
/// The silos start together, so they also migrate the fresh schema concurrently.
/// </summary>
public sealed class PostgreSqlClusterFixture : IAsyncLifetime
{
    public const string ClusterId = "pg-cluster-tests";
    public const string ServiceId = "dailyfeed-pg-tests";
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    private readonly List<IHost> _silos = [];
    private IHost? _client;

    public PostgreSqlTestSchema Schema { get; } = new();

    public IReadOnlyList<IHost> Silos => _silos;

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        var silos = await Task.WhenAll(StartSiloAsync(), StartSiloAsync());
        _silos.AddRange(silos);
        _client = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(Identify)
                .UseDailyfeedPostgreSqlClustering(Configure))
            .ConfigureLogging(QuietLogging)
            .Build();
        await _client.StartAsync();
    }

    /// <summary>Stops one silo gracefully (it leaves the membership table as a drained pod would) and forgets it.</summary>
    public async Task StopSiloAsync(IHost silo)
    {
        await silo.StopAsync();
        silo.Dispose();
        _silos.Remove(silo);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        await Task.WhenAll(_silos.Select(async silo =>
        {
            await silo.StopAsync();
            silo.Dispose();
        }));
        await Schema.DisposeAsync();
    }

    private async Task<IHost> StartSiloAsync()
    {
        var silo = Host.CreateDefaultBuilder()
            .UseOrleans(builder => builder
                .Configure<ClusterOptions>(Identify)
                .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
                .UseDailyfeedPostgreSql(Configure)
                .Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = ReminderPeriod))
            .ConfigureLogging(QuietLogging)
            .Build();
        await silo.StartAsync();
        return silo;
    }

    private void Configure(global::Dailyfeed.Orleans.PostgreSql.Options.DailyfeedPostgreSqlOptions options)
    {
        options.ConnectionString = Schema.ConnectionString;
        options.Schema = Schema.Name;
    }

    private static void Identify(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    private static void QuietLogging(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.PostgreSql.Hosting;
using Dailyfeed.Testing.Silos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

/// <summary>
/// Two silos and a client that find each other only through the PostgreSQL membership table
/// (TestingHost's clusters use in-memory membership, so these are plain hosts on free ports).
/// The silos start together, so they also migrate the fresh schema concurrently. Each silo reaches PostgreSQL, and its
/// peers reach it, through <see cref="TcpProxy"/> links a test can cut as a crash would; silos detect dead peers with
/// the product's own failure detection (<see cref="SiloEndpointExtensions.UseDailyfeedEndpoints"/>).
/// </summary>
public sealed class PostgreSqlClusterFixture : IAsyncLifetime
{
    public const string ClusterId = "pg-cluster-tests";
    public const string ServiceId = "dailyfeed-pg-tests";
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    private readonly List<IHost> _silos = [];
    private readonly Dictionary<IHost, SiloLinks> _links = [];
    private readonly List<Task> _dyingSilos = [];
    private readonly List<TcpProxy> _cutDatabaseLinks = [];
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

    /// <summary>
    /// Kills one silo and forgets it. TestingHost's in-process kill (a stop with a cancelled token) skips the drain but
    /// still writes the silo's own death into the membership table, and keeps answering its peers while it retries
    /// that write (minutes with no database); a crashed process writes and answers nothing. So both of the silo's links
    /// are cut first: its peers find it refusing connections and must declare it dead through failure detection. The
    /// stop itself runs on in the background.
    /// </summary>
    public void KillSilo(IHost silo)
    {
        var links = _links[silo];
        links.Peers.Down();
        links.Database.Down();
        _cutDatabaseLinks.Add(links.Database);
        _silos.Remove(silo);
        _dyingSilos.Add(Task.Run(async () =>
        {
            await silo.StopAsync(new CancellationToken(canceled: true));
            silo.Dispose();
        }));
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
        // Back up, so a killed silo still retrying its status writes finishes now rather than after Orleans' minutes.
        foreach (var link in _cutDatabaseLinks)
        {
            link.Up();
        }

        await Task.WhenAll(_dyingSilos);
        foreach (var links in _links.Values)
        {
            links.Peers.Dispose();
            links.Database.Dispose();
        }

        await Schema.DisposeAsync();
    }

    /// <summary>
    /// A silo listening on a free port and advertising its peer link's port instead, so the other silo reaches it only
    /// through that link; the gateway port (the client's) is direct.
    /// </summary>
    private async Task<IHost> StartSiloAsync()
    {
        var listeningEndpoint = new IPEndPoint(IPAddress.Loopback, LoopbackPorts.Free());
        var links = new SiloLinks(
            Database: new TcpProxy(new IPEndPoint(IPAddress.Loopback, new NpgsqlConnectionStringBuilder(Schema.ConnectionString).Port)),
            Peers: new TcpProxy(listeningEndpoint));
        var advertised = new SiloEndpointOptions { ListenAddress = IPAddress.Loopback.ToString(), Port = links.Peers.Port, GatewayPort = 0 };
        var silo = Host.CreateDefaultBuilder()
            .UseOrleans(builder => builder
                .UseDailyfeedEndpoints(advertised, new ClusterIdentityOptions { ClusterId = ClusterId, ServiceId = ServiceId })
                .Configure<EndpointOptions>(endpoints => endpoints.SiloListeningEndpoint = listeningEndpoint)
                .UseDailyfeedPostgreSql(options => Configure(options, ThroughLink(links.Database)))
                .Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = ReminderPeriod))
            .ConfigureLogging(QuietLogging)
            .Build();
        _links[silo] = links;
        await silo.StartAsync();
        return silo;
    }

    private string ThroughLink(TcpProxy link) =>
        new NpgsqlConnectionStringBuilder(Schema.ConnectionString) { Host = IPAddress.Loopback.ToString(), Port = link.Port }.ConnectionString;

    private void Configure(global::Dailyfeed.Orleans.PostgreSql.Options.DailyfeedPostgreSqlOptions options) =>
        Configure(options, Schema.ConnectionString);

    private void Configure(global::Dailyfeed.Orleans.PostgreSql.Options.DailyfeedPostgreSqlOptions options, string connectionString)
    {
        options.ConnectionString = connectionString;
        options.Schema = Schema.Name;
    }

    private static void Identify(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    private static void QuietLogging(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning);
}

/// <summary>A silo's cuttable links: to its database, and from its peers to its silo port.</summary>
internal sealed record SiloLinks(TcpProxy Database, TcpProxy Peers);

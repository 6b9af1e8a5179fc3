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
/// The silos start together, so they also migrate the fresh schema concurrently. Each silo reaches PostgreSQL through
/// its own <see cref="TcpProxy"/>, so a test can take a silo's database away as a crash would, and detects dead peers
/// with the product's own failure detection (<see cref="SiloEndpointExtensions.UseDailyfeedEndpoints"/>).
/// </summary>
public sealed class PostgreSqlClusterFixture : IAsyncLifetime
{
    public const string ClusterId = "pg-cluster-tests";
    public const string ServiceId = "dailyfeed-pg-tests";
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    private readonly List<IHost> _silos = [];
    private readonly Dictionary<IHost, TcpProxy> _databaseLinks = [];
    private readonly List<Task> _dyingSilos = [];
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
    /// still writes the silo's own death into the membership table; a crashed process writes nothing. So the silo's
    /// database link is cut first: its peers must find out through failure detection, as after a real crash. The
    /// stop itself runs on in the background (Orleans retries the doomed status write for a while).
    /// </summary>
    public void KillSilo(IHost silo)
    {
        _databaseLinks[silo].Down();
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
        await Task.WhenAll(_dyingSilos);
        foreach (var link in _databaseLinks.Values)
        {
            link.Dispose();
        }

        await Schema.DisposeAsync();
    }

    private async Task<IHost> StartSiloAsync()
    {
        var databaseLink = new TcpProxy(new IPEndPoint(IPAddress.Loopback, new NpgsqlConnectionStringBuilder(Schema.ConnectionString).Port));
        var silo = Host.CreateDefaultBuilder()
            .UseOrleans(builder => builder
                .UseDailyfeedEndpoints(FreeLoopbackPorts, new ClusterIdentityOptions { ClusterId = ClusterId, ServiceId = ServiceId })
                .UseDailyfeedPostgreSql(options => Configure(options, ThroughLink(databaseLink)))
                .Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = ReminderPeriod))
            .ConfigureLogging(QuietLogging)
            .Build();
        _databaseLinks[silo] = databaseLink;
        await silo.StartAsync();
        return silo;
    }

    private static SiloEndpointOptions FreeLoopbackPorts => new() { ListenAddress = IPAddress.Loopback.ToString(), Port = 0, GatewayPort = 0 };

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

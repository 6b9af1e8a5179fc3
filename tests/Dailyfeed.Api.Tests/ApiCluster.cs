using Dailyfeed.Orleans.Pools;
using Dailyfeed.Testing.Silos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// A real cluster for API tests: two write silos and one read silo, Orleans on PostgreSQL (fresh schema and cluster id), plus gateways made
/// on demand. Grain settings that tests need short (key grace window, hashing cost) come from <see cref="GrainSettings"/>.
/// </summary>
public class ApiCluster : IAsyncLifetime
{
    public static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("DAILYFEED_PG_CONNECTION")
        ?? "Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed";

    private readonly List<GatewayFactory> _gateways = [];

    public string Schema { get; } = $"api_{Guid.NewGuid():N}"[..16];

    public SiloHostCluster Cluster { get; private set; } = null!;

    /// <summary>The gateway most tests use.</summary>
    public GatewayFactory Gateway { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> GrainSettings { get; } = new Dictionary<string, string?>
    {
        // PBKDF2 at full cost makes every signup ~100 ms on CI cores; tests check behaviour, not hashing cost.
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
    };

    /// <summary>Pools of each silo; by default two write silos and one read silo.</summary>
    protected virtual string[][] SiloLayout => [GrainPoolsFor.Write, GrainPoolsFor.Write, GrainPoolsFor.Read];

    /// <summary>Silos log at Debug, so a test that captures their logs sees everything they write.</summary>
    private const LogLevel SiloLogLevel = LogLevel.Debug;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(GrainSettings)
        {
            ["Dailyfeed:PostgreSql:ConnectionString"] = StoreConnectionString,
            ["Dailyfeed:PostgreSql:Schema"] = Schema,
            ["Dailyfeed:Cluster:ClusterId"] = Schema,
            ["Dailyfeed:Cluster:ServiceId"] = Schema,
            // Writes wait for the read silos' change notices; on a loaded CI machine one may take longer than the
            // production bound of 1 s, and a notice given up on would leave a copy stale for the tests' next read.
            ["Dailyfeed:PoolBroadcast:Timeout"] = "00:00:30",
        };
        Cluster = new SiloHostCluster(settings, ConfigureSilos, SiloLogLevel, settingsOfPools: SiloSettings);
        await Cluster.DeployAsync(SiloLayout);
        Gateway = AddGateway();
    }

    /// <summary>The connection string silos and gateways use (a test may route it through a proxy it can cut).</summary>
    public virtual string StoreConnectionString => WithTestPools(ConnectionString);

    /// <summary>
    /// Many clusters run at once (xUnit starts another class whenever a test awaits), each silo with several pools
    /// (state store, Orleans' membership and reminders, search): small pools that let idle connections go keep the
    /// whole run within the server's connection limit.
    /// </summary>
    protected static string WithTestPools(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        MaxPoolSize = 8,
        ConnectionIdleLifetime = 5,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    /// <summary>Configuration of a silo serving <paramref name="pools"/>, on top of the cluster's; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SiloSettings(IReadOnlyList<string> pools) => new Dictionary<string, string?>();

    /// <summary>Extra services for every silo (and the cluster client) of this cluster.</summary>
    protected virtual void ConfigureSilos(IServiceCollection services)
    {
    }

    public GatewayFactory AddGateway(IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var gateway = new GatewayFactory(this, overrides ?? new Dictionary<string, string?>(), configureServices);
        _gateways.Add(gateway);
        return gateway;
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        await Cluster.DisposeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    protected static class GrainPoolsFor
    {
        public static readonly string[] Write = [GrainPools.Write];
        public static readonly string[] Read = [GrainPools.Read];
    }
}

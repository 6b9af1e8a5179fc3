using Dailyfeed.Orleans.Sqlite.Hosting;
using Dailyfeed.Orleans.Sqlite.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>A one-silo cluster keeping grain state (default provider) and reminders in one SQLite file.</summary>
public static class SqliteTestCluster
{
    /// <summary>Reminders may tick this often in tests; production keeps Orleans' 1 minute minimum.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    private const string StorageSection = "Orleans:Sqlite";

    /// <summary>Storage options come from the host's configuration, reminder options from a delegate: both entry styles.</summary>
    public static InProcessTestCluster Create(string dataSource)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{StorageSection}:{nameof(SqliteStorageOptions.DataSource)}"] = dataSource,
            [$"{StorageSection}:{nameof(SqliteStorageOptions.BusyTimeout)}"] = "00:00:10",
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorageAsDefault(options => options.BindConfiguration(StorageSection));
            silo.UseSqliteReminderService(options => options.DataSource = dataSource);
            silo.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = ReminderPeriod);
        });
        return builder.Build();
    }

    public static async Task StopAsync(InProcessTestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}

/// <summary>One SQLite-backed cluster shared by the cluster tests; deleted with its file afterwards.</summary>
public sealed class SqliteClusterFixture : IAsyncLifetime
{
    public SqliteTestFile File { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = SqliteTestCluster.Create(File.DataSource);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await SqliteTestCluster.StopAsync(Cluster);
        File.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteClusterCollection : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "SQLite cluster";
}

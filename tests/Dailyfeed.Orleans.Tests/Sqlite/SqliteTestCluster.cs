using Dailyfeed.Orleans.Outbox.Hosting;
using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Dailyfeed.Orleans.Sqlite.Hosting;
using Dailyfeed.Orleans.Sqlite.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>
/// A one-silo cluster composed as the embedded default: grain state through the outbox storage over the SQLite cluster
/// store, reminders in the SQLite reminder table, both in one file.
/// </summary>
public static class SqliteTestCluster
{
    /// <summary>Reminders may tick this often in tests; production keeps Orleans' 1 minute minimum.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    private const string ReminderSection = "Orleans:Sqlite";

    /// <summary>Reminder options come from the host's configuration (the options-builder entry point).</summary>
    public static InProcessTestCluster Create(string dataSource)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ReminderSection}:{nameof(SqliteStorageOptions.DataSource)}"] = dataSource,
            [$"{ReminderSection}:{nameof(SqliteStorageOptions.BusyTimeout)}"] = "00:00:10",
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSqliteClusterStore(options => options.DataSource = dataSource);
            silo.UseDailyfeedOutboxStorage();
            silo.UseSqliteReminderService(options => options.BindConfiguration(ReminderSection));
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

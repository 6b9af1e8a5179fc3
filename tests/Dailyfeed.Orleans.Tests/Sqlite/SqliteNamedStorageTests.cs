using Dailyfeed.Orleans.Sqlite.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>A silo with only a named SQLite storage provider: no reminders and no default provider to lean on.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class SqliteNamedStorageTests : IDisposable
{
    private readonly SqliteTestFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task A_named_provider_creates_its_file_and_schema_at_silo_start_and_keeps_state()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
            silo.AddSqliteGrainStorage(SqliteNamedStorageCounterGrain.StorageName, options => options.DataSource = file.DataSource));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            File.Exists(file.DataSource).ShouldBeTrue();
            var counter = cluster.Client.GetGrain<ISqliteNamedStorageCounterGrain>(Guid.NewGuid().ToString("N"));
            await counter.AddAsync(6);

            await cluster.DeactivateAsync(counter.GetGrainId());

            (await counter.GetAsync()).ShouldBe(6);
        }
        finally
        {
            await SqliteTestCluster.StopAsync(cluster);
        }
    }
}

using Dailyfeed.Orleans.Tests.Sqlite;
using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Orleans.Tests.OutboxStorage;

/// <summary>The outbox storage on the embedded default's store: one SQLite file in a temporary folder.</summary>
public sealed class SqliteOutboxCluster : OutboxStorageCluster
{
    private readonly SqliteTestFile _file = new();

    protected override void AddStore(IServiceCollection services) =>
        services.AddSqliteClusterStore(options => options.DataSource = _file.DataSource);

    protected override ValueTask DeleteStoreAsync()
    {
        _file.Dispose();
        return ValueTask.CompletedTask;
    }
}

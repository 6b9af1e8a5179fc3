using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Orleans.Outbox.Tests.Sqlite;

/// <summary>Provider-specific behaviour: the native library loads, the file is in WAL mode, and the DI registration.</summary>
public sealed class SqliteClusterStoreTests : IDisposable
{
    private readonly SqliteTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task The_store_opens_the_file_in_wal_mode()
    {
        await using var connection = await _file.Database.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        (await command.ExecuteScalarAsync() as string).ShouldBe("wal");
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(SqliteSynchronous.Full, 2)]
    public async Task Connections_commit_at_the_configured_synchronous_level(SqliteSynchronous? configured, long expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dailyfeed-providers-sync-{Guid.NewGuid():N}.db");
        var options = new SqliteClusterOptions { DataSource = path };
        if (configured is { } level)
        {
            options.Synchronous = level;
        }

        using var database = new SqliteClusterDatabase(Microsoft.Extensions.Options.Options.Create(options));
        await using (var connection = await database.OpenAsync(default))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            (await command.ExecuteScalarAsync()).ShouldBe(expected);
        }

        database.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task AddSqliteClusterStore_registers_the_three_contracts_as_singletons()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dailyfeed-providers-di-{Guid.NewGuid():N}.db");
        try
        {
            await using (var provider = new ServiceCollection().AddSqliteClusterStore(o => o.DataSource = path).BuildServiceProvider())
            {
                provider.GetRequiredService<IGrainStorage>().ShouldBeSameAs(provider.GetRequiredService<IGrainStorage>());
                provider.GetRequiredService<IDeadLetterStore>().ShouldBeSameAs(provider.GetRequiredService<IDeadLetterStore>());
                var outbox = provider.GetRequiredService<IStreamOutboxStore>();
                outbox.ShouldBeSameAs(provider.GetRequiredService<IStreamOutboxStore>());
                (await outbox.CountAsync(default)).ShouldBe(0);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}

using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Outbox.Tests.Sqlite;

/// <summary>A database file of its own for one test, deleted afterwards together with its WAL side files.</summary>
public sealed class SqliteTestFile : IDisposable
{
    private static readonly string[] SideFileSuffixes = ["", "-wal", "-shm"];

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dailyfeed-providers-{Guid.NewGuid():N}.db");

    public SqliteTestFile() =>
        Database = new SqliteClusterDatabase(Options.Create(new SqliteClusterOptions { DataSource = _path }));

    public SqliteClusterDatabase Database { get; }

    public void Dispose()
    {
        Database.Dispose();
        foreach (var suffix in SideFileSuffixes)
        {
            File.Delete(_path + suffix);
        }
    }
}

using Dailyfeed.Orleans.Sqlite.Options;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>
/// A database path under a fresh temporary folder, in a subfolder that does not exist yet
/// (the providers must create it); the whole folder is deleted on dispose.
/// </summary>
public sealed class SqliteTestFile : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "dailyfeed-sqlite-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestFile()
    {
        DataSource = Path.Combine(root, "data", "orleans.db");
    }

    public string DataSource { get; }

    public SqliteStorageOptions CreateOptions() => new() { DataSource = DataSource };

    public void Dispose()
    {
        // Pooled connections keep the file (and its -wal/-shm companions) open until the pool lets go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

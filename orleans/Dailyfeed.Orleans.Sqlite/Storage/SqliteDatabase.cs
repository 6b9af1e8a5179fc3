using Dailyfeed.Orleans.Sqlite.Options;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Orleans.Sqlite.Storage;

/// <summary>
/// The SQLite file the reminder table talks through: opens pooled connections with the busy timeout set,
/// and creates the file, its directory, WAL mode and the schema at start.
/// </summary>
public sealed class SqliteDatabase
{
    private const string WriteAheadLogMode = "wal";

    private readonly string connectionString;
    private readonly string filePath;
    private readonly long busyTimeoutMilliseconds;

    public SqliteDatabase(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        filePath = Path.GetFullPath(options.DataSource);
        busyTimeoutMilliseconds = (long)Math.Ceiling(options.BusyTimeout.TotalMilliseconds);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public string FilePath => filePath;

    /// <summary>
    /// Creates the directory and file if missing, switches the file to WAL (readers never wait for the writer)
    /// and applies pending schema migrations. Idempotent; safe for several silos on one file.
    /// </summary>
    public async Task EnsureCreatedOrThrowAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(filePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            // journal_mode is stored in the file, so setting it once at start covers every later connection.
            command.CommandText = $"PRAGMA journal_mode = {WriteAheadLogMode};";
            var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken));
            if (!string.Equals(mode, WriteAheadLogMode, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite file '{filePath}' refused WAL mode (it reports '{mode}').");
            }
        }

        await SqliteSchema.MigrateOrThrowAsync(connection, cancellationToken);
    }

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // Concurrent grains write through separate connections; SQLite lets one write at a time and,
            // with a busy timeout, makes the others wait for the lock instead of failing at once.
            command.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

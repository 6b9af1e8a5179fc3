using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Outbox.Sqlite.Hosting;

/// <summary>
/// Connections to the embedded store. WAL lets readers run beside the single writer; each conditional write is one
/// statement, which SQLite executes atomically, so the same ETag rules hold as on PostgreSQL.
/// </summary>
public sealed class SqliteClusterDatabase : IDisposable
{

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly SqliteSynchronous _synchronous;
    private readonly SqliteGroupCommit _groupCommit;
    private readonly object _sync = new();
    private bool _schemaCreated;

    public SqliteClusterDatabase(IOptions<SqliteClusterOptions> options)
    {
        var path = Path.GetFullPath(options.Value.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _busyTimeoutMs = (int)options.Value.BusyTimeout.TotalMilliseconds;
        _synchronous = options.Value.Synchronous;
        _groupCommit = new SqliteGroupCommit(OpenAsync, options.Value.MaxWritesPerCommit);
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the file's shared write transaction (see <see cref="SqliteGroupCommit"/>);
    /// the task completes once the commit that carries it is durable at the configured level.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _groupCommit.WriteAsync(work, cancellationToken);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = {(int)_synchronous};");
            pragma.ExecuteNonQuery();
        }

        EnsureSchema(connection);
        return connection;
    }

    /// <summary>Closes this file's pooled connections, so the file can be deleted or moved once the store is gone.</summary>
    public void Dispose()
    {
        _groupCommit.DisposeAsync().AsTask().GetAwaiter().GetResult();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void EnsureSchema(SqliteConnection connection)
    {
        lock (_sync)
        {
            if (_schemaCreated)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchemaScript.Text;
            command.ExecuteNonQuery();
            AddMissingColumns(connection);
            _schemaCreated = true;
        }
    }

    /// <summary>
    /// Adds the columns a file lacks, in one immediate transaction: another process opening the same file waits for
    /// the write lock, then finds them there and adds nothing.
    /// </summary>
    private static void AddMissingColumns(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        foreach (var (table, column, definition) in SqliteSchemaScript.AddedColumns)
        {
            command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                command.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }
}

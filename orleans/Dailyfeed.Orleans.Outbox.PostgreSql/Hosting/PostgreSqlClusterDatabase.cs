using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;

/// <summary>
/// One pooled data source for the outbox storage's tables, and their schema, created once per process on first use. The DDL
/// runs under a transaction-scoped advisory lock so silos starting together do not race each other.
/// </summary>
public sealed partial class PostgreSqlClusterDatabase : IAsyncDisposable
{
    private const long SchemaLockKey = 0x0DA11F33D;
    private readonly object _sync = new();
    private Task? _schema;

    public PostgreSqlClusterDatabase(IOptions<PostgreSqlClusterOptions> options)
    {
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            throw new InvalidOperationException("Dailyfeed:PostgreSql:ConnectionString is required for the PostgreSQL cluster store.");
        }

        if (!SchemaName().IsMatch(value.Schema))
        {
            throw new InvalidOperationException($"'{value.Schema}' is not a plain lower-case schema name.");
        }

        Schema = value.Schema;
        DataSource = NpgsqlDataSource.Create(value.ConnectionString);
    }

    public string Schema { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Opens a connection once the schema exists.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync().ConfigureAwait(false);
        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private Task EnsureSchemaAsync()
    {
        lock (_sync)
        {
            // A failed attempt (database down at start) is retried by the next caller instead of poisoning the process.
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                _schema = CreateSchemaAsync();
            }

            return _schema;
        }
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using (var ddl = new NpgsqlCommand(PostgreSqlSchemaScript.For(Schema), connection, transaction))
        {
            await ddl.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z")] // \z: "$" would also accept a trailing newline
    private static partial Regex SchemaName();
}

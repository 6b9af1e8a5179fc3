using Dailyfeed.Orleans.PostgreSql.Options;
using Npgsql;

namespace Dailyfeed.Orleans.PostgreSql.Schema;

/// <summary>
/// Creates or upgrades the tables and queries Orleans' ADO.NET providers need, in one schema.
/// Idempotent, and safe when several silos start at once: they queue on an advisory lock and
/// each applies only the steps nobody has applied yet.
/// </summary>
public static class PostgreSqlSchema
{
    public const string VersionTable = "orleans_schema_version";

    // First half of the two-part advisory lock key; the second half is the schema name's hash, so
    // migrations of different schemas in one database do not wait for each other.
    private const int AdvisoryLockClass = 0x0D_F0_05_C1;

    /// <summary>Applies the pending steps and returns the versions it applied (empty when up to date).</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        string connectionString,
        string schema = DailyfeedPostgreSqlOptions.DefaultSchema,
        CancellationToken cancellationToken = default)
    {
        DailyfeedPostgreSqlOptionsValidator.ValidateSchemaNameOrThrow(schema);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Taken before CREATE SCHEMA: concurrent "IF NOT EXISTS" creations can still collide.
        await ExecuteAsync(connection, transaction,
            $"SELECT pg_advisory_xact_lock({AdvisoryLockClass}, hashtext('{schema}'));", cancellationToken);
        await ExecuteAsync(connection, transaction,
            $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            SET LOCAL search_path TO {schema};
            CREATE TABLE IF NOT EXISTS {VersionTable}
            (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken);

        var applied = await ReadAppliedVersionsAsync(connection, transaction, cancellationToken);
        var newlyApplied = new List<int>();
        foreach (var migration in SchemaMigration.All.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {VersionTable} (version, name) VALUES (@version, @name);", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            newlyApplied.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return newlyApplied;
    }

    private static async Task<HashSet<int>> ReadAppliedVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT version FROM {VersionTable};", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

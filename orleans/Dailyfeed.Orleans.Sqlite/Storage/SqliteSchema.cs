using Microsoft.Data.Sqlite;

namespace Dailyfeed.Orleans.Sqlite.Storage;

/// <summary>
/// The reminder table, versioned by SQLite's <c>PRAGMA user_version</c>: a file at version n gets the migrations
/// n, n+1, ... applied once, in one write transaction.
/// </summary>
internal static class SqliteSchema
{
    // Entry i takes a file from user_version i to i + 1. Append new entries; never edit a shipped one. The first also
    // made orleans_grain_state, for a grain storage since removed (the product stores state through the outbox
    // storage): the table stays, unused, in files that have it.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS orleans_grain_state (
            state_name TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            -- Increases on every write and clear; the grain's ETag. Never reset, so a stale ETag never matches again.
            version INTEGER NOT NULL,
            -- NULL once cleared: the row stays as a tombstone that keeps the version.
            payload BLOB NULL,
            PRIMARY KEY (state_name, grain_id)
        );

        CREATE TABLE IF NOT EXISTS orleans_reminder (
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            -- GrainId.GetUniformHashCode(), a uint, for the silos' ring range reads.
            grain_hash INTEGER NOT NULL,
            start_at_utc_ticks INTEGER NOT NULL,
            period_ticks INTEGER NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        );

        CREATE INDEX IF NOT EXISTS orleans_reminder_by_grain_hash ON orleans_reminder (grain_hash);
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    public static async Task MigrateOrThrowAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Not deferred: BEGIN IMMEDIATE takes the write lock before user_version is read,
        // so silos starting together on one file cannot both apply a migration.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var fileVersion = await ReadUserVersionAsync(connection, transaction, cancellationToken);
        if (fileVersion > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"SQLite file '{connection.DataSource}' has schema version {fileVersion}, newer than this provider's {CurrentVersion}.");
        }

        for (var version = fileVersion; version < CurrentVersion; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version], cancellationToken);
        }

        if (fileVersion < CurrentVersion)
        {
            // A pragma takes no parameters; the value is our own integer.
            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {CurrentVersion};", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<int> ReadUserVersionAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

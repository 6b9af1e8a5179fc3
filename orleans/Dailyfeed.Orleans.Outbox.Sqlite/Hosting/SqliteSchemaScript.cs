namespace Dailyfeed.Orleans.Outbox.Sqlite.Hosting;

/// <summary>
/// DDL of the embedded store; times are Unix milliseconds (UTC). <see cref="Text"/> is the first version, idempotent;
/// columns added since are <see cref="AddedColumns"/>. SQLite has no ADD COLUMN IF NOT EXISTS, and the file's
/// <c>PRAGMA user_version</c> belongs to the Orleans grain storage that shares it, so each is added where it is missing.
/// </summary>
internal static class SqliteSchemaScript
{
    /// <summary>In the order they were added; never edit one that shipped, append the next.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns =
    [
        // The tries an event got before it was parked (delivery attempts, or publish attempts).
        ("publisher_dead_letters", "attempts", "INTEGER NOT NULL DEFAULT 0"),
        ("listener_dead_letters", "attempts", "INTEGER NOT NULL DEFAULT 0"),
    ];

    public static readonly string Text = """
        PRAGMA journal_mode = WAL;

        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key  TEXT NOT NULL,
            state_name TEXT NOT NULL,
            payload    TEXT NOT NULL,
            version    INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        );

        CREATE TABLE IF NOT EXISTS stream_outbox (
            sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
            event           TEXT NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL DEFAULT 0,
            claimed_until   INTEGER NULL,
            created_at      INTEGER NOT NULL
        );
        """ + DeadLetterTable("publisher_dead_letters") + DeadLetterTable("listener_dead_letters");

    private static string DeadLetterTable(string table) => $"""

        CREATE TABLE IF NOT EXISTS {table} (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            payload         TEXT NOT NULL,
            error           TEXT NOT NULL,
            is_completed    INTEGER NOT NULL DEFAULT 0,
            is_editing      INTEGER NOT NULL DEFAULT 0,
            category        TEXT NOT NULL,
            message_key     TEXT NOT NULL,
            replay_attempts INTEGER NOT NULL DEFAULT 0,
            claimed_at      INTEGER NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL
        );
        """;
}

namespace Dailyfeed.Orleans.Sqlite.Options;

/// <summary>Where and how the SQLite reminder table keeps its rows (<c>UseSqliteReminderService(...)</c>).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Default for <see cref="BusyTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Path of the database file (created with its directory when missing), e.g. <c>data/dailyfeed.db</c>.
    /// Required. In-memory databases are not supported: every operation opens its own connection.
    /// </summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>
    /// How long a statement waits for another connection's write lock before failing
    /// (SQLite's <c>busy_timeout</c>). Default 5 s.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;
}

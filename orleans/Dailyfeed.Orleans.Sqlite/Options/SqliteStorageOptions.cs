using Orleans.Storage;

namespace Dailyfeed.Orleans.Sqlite.Options;

/// <summary>
/// Where and how the SQLite grain storage and reminder table keep their rows.
/// Bound per storage provider name (<c>AddSqliteGrainStorage(name, ...)</c>) and once, unnamed,
/// for the reminder table (<c>UseSqliteReminderService(...)</c>); both may point at the same file.
/// </summary>
public sealed class SqliteStorageOptions : IStorageProviderSerializerOptions
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

    /// <summary>
    /// Serializer of grain state payloads; ignored by the reminder table. When unset, the provider uses
    /// a serializer registered under its name (keyed <see cref="IGrainStorageSerializer"/>), else
    /// System.Text.Json (<see cref="SystemTextJsonGrainStorageSerializer"/>), which stores no type names:
    /// state survives a rename or move of its class. The silo-wide default (Newtonsoft with <c>$type</c>)
    /// is deliberately not used.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}

namespace Dailyfeed.Runtime.Sqlite.Hosting;

/// <summary>The embedded default's store: one SQLite file (configuration section Dailyfeed:Sqlite).</summary>
public sealed class SqliteClusterOptions
{
    /// <summary>Path of the database file, created with its directory on first use.</summary>
    public string DataSource { get; set; } = "data/dailyfeed.db";

    /// <summary>How long a writer waits for the file lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

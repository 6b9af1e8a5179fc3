namespace Dailyfeed.Orleans.Outbox.Sqlite.Hosting;

/// <summary>The embedded default's store: one SQLite file (configuration section Dailyfeed:Sqlite).</summary>
public sealed class SqliteClusterOptions
{
    public const string Section = "Dailyfeed:Sqlite";

    /// <summary>Path of the database file, created with its directory on first use.</summary>
    public string DataSource { get; set; } = "data/dailyfeed.db";

    /// <summary>How long a writer waits for the file lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When a commit reaches the disk. Normal (WAL's usual setting): a commit survives a process crash at once and a
    /// power loss after the next checkpoint, at some 30,000 commits/s on the build machine. Full fsyncs every commit:
    /// power-loss durable, about 1,000 commits/s there, which caps fan-out-heavy writes.
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>Most grain writes one commit carries (group commit); bounds how long the first of a batch waits.</summary>
    public int MaxWritesPerCommit { get; set; } = 256;
}

/// <summary>SQLite's PRAGMA synchronous levels that keep a WAL database consistent.</summary>
public enum SqliteSynchronous
{
    Normal = 1,
    Full = 2,
}

namespace Dailyfeed.Batch.Hosting;

/// <summary>Which cluster the batch connects to, named after the store that deployment keeps its state in.</summary>
public enum BatchStore
{
    /// <summary>The production cluster: its gateways are in the PostgreSQL membership table (Dailyfeed:PostgreSql).</summary>
    PostgreSql,

    /// <summary>
    /// The embedded default (a gateway co-hosting one silo on a SQLite file) on this machine. Its membership lives in
    /// that process only, so the batch dials the silo's gateway port, Dailyfeed:Silo:GatewayPort, directly.
    /// </summary>
    Sqlite,
}

/// <summary>Configuration section Dailyfeed:Batch.</summary>
public sealed class BatchOptions
{
    public const string Section = "Dailyfeed:Batch";

    /// <summary>PostgreSQL by default; Sqlite to run commands against a running embedded gateway.</summary>
    public BatchStore Store { get; set; } = BatchStore.PostgreSql;

    /// <summary>
    /// How long connecting may wait for a silo gateway. An Orleans client otherwise waits for one forever; a command
    /// should instead say that no silo is live (exit 3).
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

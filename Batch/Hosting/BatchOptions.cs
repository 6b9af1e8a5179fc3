namespace Dailyfeed.Batch.Hosting;

/// <summary>Which store holds the cluster's membership table the batch joins through.</summary>
public enum BatchStore
{
    /// <summary>The production cluster: Dailyfeed:PostgreSql:ConnectionString.</summary>
    PostgreSql,

    /// <summary>The embedded default (gateway + one silo on a SQLite file): Dailyfeed:Sqlite:DataSource.</summary>
    Sqlite,
}

/// <summary>Configuration section Dailyfeed:Batch.</summary>
public sealed class BatchOptions
{
    public const string Section = "Dailyfeed:Batch";

    /// <summary>PostgreSQL by default; Sqlite to run commands against a running embedded gateway.</summary>
    public BatchStore Store { get; set; } = BatchStore.PostgreSql;
}

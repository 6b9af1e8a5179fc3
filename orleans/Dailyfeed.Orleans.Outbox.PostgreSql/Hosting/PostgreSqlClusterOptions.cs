namespace Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;

/// <summary>Where the outbox storage's tables, and the search index's, live (configuration section Dailyfeed:PostgreSql).</summary>
public sealed class PostgreSqlClusterOptions
{
    public const string Section = "Dailyfeed:PostgreSql";

    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Schema of the cluster's tables (grain state, outbox, dead letters, and Orleans' membership and reminders), created on first use.</summary>
    public string Schema { get; set; } = "dailyfeed_runtime";
}

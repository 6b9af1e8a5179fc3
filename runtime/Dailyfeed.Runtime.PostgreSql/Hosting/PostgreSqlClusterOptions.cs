namespace Dailyfeed.Runtime.PostgreSql.Hosting;

/// <summary>Where the cluster's runtime tables live (configuration section Dailyfeed:PostgreSql).</summary>
public sealed class PostgreSqlClusterOptions
{
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Schema of the runtime tables (grain state, membership, reminders), created on first use.</summary>
    public string Schema { get; set; } = "dailyfeed_runtime";
}

namespace Dailyfeed.Orleans.PostgreSql.Options;

/// <summary>
/// Where Orleans' membership, grain state and reminders live in PostgreSQL. Bind from
/// <see cref="SectionName"/>; only <see cref="ConnectionString"/> is required.
/// </summary>
public sealed class DailyfeedPostgreSqlOptions
{
    public const string SectionName = "Dailyfeed:Orleans:PostgreSql";

    public const string DefaultSchema = "orleans";

    /// <summary>Npgsql connection string; its own search path, if any, is replaced by <see cref="Schema"/>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// PostgreSQL schema holding the tables. Orleans' providers issue unqualified table names,
    /// so this becomes the search path of every connection they open. Lower-case identifier.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// Whether a silo brings the schema up to date before its providers start. Turn off when a
    /// deployment job runs <see cref="Schema.PostgreSqlSchema.MigrateAsync"/> with higher privileges.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Whether the silo keeps grain state with Orleans' ADO.NET provider. Off when another provider owns grain state
    /// (Dailyfeed's silos use a storage that commits stream events with the state).
    /// </summary>
    public bool UseForGrainStorage { get; set; } = true;

    /// <summary>Name of the grain storage provider the silo registers (Orleans' default provider name).</summary>
    public string StorageProviderName { get; set; } = global::Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;

    /// <summary>Delete the state row on ClearStateAsync instead of keeping an empty, versioned row.</summary>
    public bool DeleteStateOnClear { get; set; }
}

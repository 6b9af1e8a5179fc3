using Dailyfeed.Orleans.PostgreSql.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.PostgreSql.Schema;

/// <summary>
/// Brings the schema up to date at the very first silo lifecycle stage, before membership, grain
/// storage and reminders read their queries from it (a missing query fails their start).
/// </summary>
internal sealed partial class SchemaMigrationParticipant(
    IOptions<DailyfeedPostgreSqlOptions> options,
    ILogger<SchemaMigrationParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await PostgreSqlSchema.MigrateAsync(options.Value.ConnectionString, options.Value.Schema, cancellationToken);
        LogMigrated(options.Value.Schema, applied.Count == 0 ? "none" : string.Join(", ", applied));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema {Schema} is up to date; steps applied now: {Applied}.")]
    private partial void LogMigrated(string schema, string applied);
}

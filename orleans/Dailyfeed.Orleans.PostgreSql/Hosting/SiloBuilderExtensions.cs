using Dailyfeed.Orleans.PostgreSql.Options;
using Dailyfeed.Orleans.PostgreSql.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Dailyfeed.Orleans.PostgreSql.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Membership, the grain storage provider <see cref="DailyfeedPostgreSqlOptions.StorageProviderName"/>
    /// (System.Text.Json payloads) and reminders, all in PostgreSQL through Orleans' ADO.NET
    /// providers, on the schema this project migrates before they start.
    /// </summary>
    public static ISiloBuilder UseDailyfeedPostgreSql(this ISiloBuilder siloBuilder, Action<DailyfeedPostgreSqlOptions> configure)
    {
        // Evaluated now: the storage provider's name is needed to register it.
        var options = new DailyfeedPostgreSqlOptions();
        configure(options);
        DailyfeedPostgreSqlOptionsValidator.ValidateOrThrow(options);
        var connectionString = SchemaConnectionString.For(options.ConnectionString, options.Schema);

        siloBuilder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        if (options.MigrateOnStart)
        {
            siloBuilder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationParticipant>();
        }

        siloBuilder.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = PostgreSqlInvariant.Name;
            clustering.ConnectionString = connectionString;
        });

        if (options.UseForGrainStorage)
        {
            AddGrainStorage(siloBuilder, options, connectionString);
        }

        siloBuilder.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = PostgreSqlInvariant.Name;
            reminders.ConnectionString = connectionString;
        });

        return siloBuilder;
    }

    private static void AddGrainStorage(ISiloBuilder siloBuilder, DailyfeedPostgreSqlOptions options, string connectionString) =>
        siloBuilder.AddAdoNetGrainStorage(options.StorageProviderName, storage => storage
            .Configure<IOptions<SystemTextJsonGrainStorageSerializerOptions>>((storageOptions, json) =>
            {
                storageOptions.Invariant = PostgreSqlInvariant.Name;
                storageOptions.ConnectionString = connectionString;
                storageOptions.DeleteStateOnClear = options.DeleteStateOnClear;
                // Set on this provider only: Orleans' default (Newtonsoft) serializer writes "$type"
                // into every payload, and replacing the silo-wide default would change other providers.
                storageOptions.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(json);
            }));
}

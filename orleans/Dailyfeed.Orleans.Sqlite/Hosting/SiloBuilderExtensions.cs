using Dailyfeed.Orleans.Sqlite.Options;
using Dailyfeed.Orleans.Sqlite.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dailyfeed.Orleans.Sqlite.Hosting;

/// <summary>Puts grain state and reminders of a silo into a SQLite file.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds SQLite grain storage as the default provider (state without a storage name).</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds SQLite grain storage as the default provider, e.g. <c>ob => ob.BindConfiguration("Orleans:Sqlite")</c>.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(
        this ISiloBuilder builder, Action<OptionsBuilder<SqliteStorageOptions>> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds SQLite grain storage under <paramref name="name"/>, the storage name grains give their state.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(name, ob => ob.Configure(configure));

    /// <summary>Adds SQLite grain storage under <paramref name="name"/>, options from an options builder (configuration binding).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder, string name, Action<OptionsBuilder<SqliteStorageOptions>> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureServices(services =>
        {
            configure(services.AddOptions<SqliteStorageOptions>(name));
            services.AddSingleton<IConfigurationValidator>(sp => new SqliteStorageOptionsValidator(GetOptions(sp, name), name));
            // AddGrainStorage registers a keyed IGrainStorage, the default alias for "Default",
            // and the silo lifecycle participation that creates the schema at start.
            services.AddGrainStorage(name, CreateGrainStorage);
        });
    }

    /// <summary>Adds reminders to the silo, kept in a SQLite file.</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteStorageOptions> configure) =>
        builder.UseSqliteReminderService(ob => ob.Configure(configure));

    /// <summary>Adds reminders to the silo, kept in a SQLite file; options from an options builder (configuration binding).</summary>
    public static ISiloBuilder UseSqliteReminderService(
        this ISiloBuilder builder, Action<OptionsBuilder<SqliteStorageOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddReminders();
        return builder.ConfigureServices(services =>
        {
            configure(services.AddOptions<SqliteStorageOptions>());
            services.AddSingleton<IConfigurationValidator>(sp =>
                new SqliteStorageOptionsValidator(GetOptions(sp, Microsoft.Extensions.Options.Options.DefaultName), nameof(SqliteReminderTable)));
            // The reminder service starts the table (StartAsync), which creates the schema.
            services.AddSingleton<IReminderTable>(sp =>
                new SqliteReminderTable(GetOptions(sp, Microsoft.Extensions.Options.Options.DefaultName)));
        });
    }

    private static SqliteGrainStorage CreateGrainStorage(IServiceProvider services, string name)
    {
        var options = GetOptions(services, name);
        var serializer = options.GrainStorageSerializer
            ?? services.GetKeyedService<IGrainStorageSerializer>(name)
            ?? ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
        return new SqliteGrainStorage(
            name,
            options,
            serializer,
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<SqliteGrainStorage>>());
    }

    private static SqliteStorageOptions GetOptions(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(name);
}

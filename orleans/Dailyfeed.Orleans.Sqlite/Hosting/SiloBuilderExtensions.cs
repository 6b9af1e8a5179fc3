using Dailyfeed.Orleans.Sqlite.Options;
using Dailyfeed.Orleans.Sqlite.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Sqlite.Hosting;

/// <summary>Puts the reminders of a silo into a SQLite file (the embedded default's grain state goes through the outbox storage).</summary>
public static class SiloBuilderExtensions
{
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

    private static SqliteStorageOptions GetOptions(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(name);
}

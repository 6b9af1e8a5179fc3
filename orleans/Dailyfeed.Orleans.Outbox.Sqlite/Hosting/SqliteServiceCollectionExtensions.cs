using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.Outbox.Sqlite.Storage;
using Dailyfeed.Orleans.Outbox.Sqlite.Streams;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dailyfeed.Orleans.Outbox.Sqlite.Hosting;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>Grain state with its stream outbox, and dead letters, in one SQLite file: the embedded default, no server needed.</summary>
    public static IServiceCollection AddSqliteClusterStore(this IServiceCollection services, Action<SqliteClusterOptions>? configure = null)
    {
        // Configuration binds only when the container has one, so a bare ServiceCollection (tools, tests) works too.
        var options = services.AddOptions<SqliteClusterOptions>().Configure<IServiceProvider>((o, provider) =>
            provider.GetService<IConfiguration>()?.GetSection($"{DailyfeedConfiguration.Root}:Sqlite").Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteClusterDatabase>();
        services.AddSingleton<IGrainStorage, SqliteGrainStorage>();
        services.AddSingleton<IStreamOutboxStore, SqliteOutboxStore>();
        services.AddSingleton<IDeadLetterStore, SqliteDeadLetterStore>();
        return services;
    }
}

using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.Outbox.PostgreSql.Storage;
using Dailyfeed.Orleans.Outbox.PostgreSql.Streams;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;

public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>Grain state with its stream outbox, and dead letters, in PostgreSQL: the production store (Orleans keeps membership and reminders in the same database).</summary>
    public static IServiceCollection AddPostgreSqlClusterStore(this IServiceCollection services, Action<PostgreSqlClusterOptions>? configure = null)
    {
        // Configuration binds only when the container has one, so a bare ServiceCollection (tools, tests) works too.
        var options = services.AddOptions<PostgreSqlClusterOptions>().Configure<IServiceProvider>((o, provider) =>
            provider.GetService<IConfiguration>()?.GetSection($"{DailyfeedConfiguration.Root}:PostgreSql").Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<PostgreSqlClusterDatabase>();
        services.AddSingleton<IGrainStorage, PostgreSqlGrainStorage>();
        services.AddSingleton<IStreamOutboxStore, PostgreSqlOutboxStore>();
        services.AddSingleton<IDeadLetterStore, PostgreSqlDeadLetterStore>();
        return services;
    }
}

using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.PostgreSql.Membership;
using Dailyfeed.Runtime.PostgreSql.Reminders;
using Dailyfeed.Runtime.PostgreSql.Storage;
using Dailyfeed.Runtime.Reminders;
using Dailyfeed.Runtime.Storage;
using Dailyfeed.Runtime.PostgreSql.Streams;
using Dailyfeed.Runtime.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.PostgreSql.Hosting;

public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>Grain state, membership and reminders in PostgreSQL: the production store.</summary>
    public static IServiceCollection AddPostgreSqlClusterStore(this IServiceCollection services, Action<PostgreSqlClusterOptions>? configure = null)
    {
        // Configuration binds only when the container has one, so a bare ServiceCollection (tools, tests) works too.
        var options = services.AddOptions<PostgreSqlClusterOptions>().Configure<IServiceProvider>((o, provider) =>
            provider.GetService<IConfiguration>()?.GetSection($"{RuntimeServiceCollectionExtensions.ConfigurationRoot}:PostgreSql").Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<PostgreSqlClusterDatabase>();
        services.AddSingleton<IGrainStorage, PostgreSqlGrainStorage>();
        services.AddSingleton<IMembershipTable, PostgreSqlMembershipTable>();
        services.AddSingleton<IReminderTable, PostgreSqlReminderTable>();
        services.AddSingleton<IStreamOutboxStore, PostgreSqlOutboxStore>();
        services.AddSingleton<IDeadLetterStore, PostgreSqlDeadLetterStore>();
        return services;
    }
}

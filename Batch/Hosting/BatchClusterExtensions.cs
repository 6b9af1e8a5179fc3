using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.PostgreSql.Hosting;
using Dailyfeed.Runtime.Sqlite.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dailyfeed.Batch.Hosting;

/// <summary>Joins the cluster as a client through the configured store's membership table.</summary>
internal static class BatchClusterExtensions
{
    public static HostApplicationBuilder AddBatchCluster(this HostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BatchOptions.Section).Get<BatchOptions>() ?? new BatchOptions();
        if (options.Store == BatchStore.Sqlite)
        {
            builder.Services.AddSqliteClusterStore();
        }
        else
        {
            builder.Services.AddPostgreSqlClusterStore();
        }

        builder.Services.AddDailyfeedClient();
        return builder;
    }
}

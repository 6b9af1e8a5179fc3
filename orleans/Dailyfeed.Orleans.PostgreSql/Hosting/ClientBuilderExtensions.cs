using Dailyfeed.Orleans.PostgreSql.Options;
using Dailyfeed.Orleans.PostgreSql.Schema;
using Orleans.Hosting;

namespace Dailyfeed.Orleans.PostgreSql.Hosting;

public static class ClientBuilderExtensions
{
    /// <summary>
    /// Finds the cluster's gateways in the PostgreSQL membership table the silos write. The client
    /// never migrates the schema: a silo (or <see cref="PostgreSqlSchema.MigrateAsync"/>) does.
    /// </summary>
    public static IClientBuilder UseDailyfeedPostgreSqlClustering(this IClientBuilder clientBuilder, Action<DailyfeedPostgreSqlOptions> configure)
    {
        var options = new DailyfeedPostgreSqlOptions();
        configure(options);
        DailyfeedPostgreSqlOptionsValidator.ValidateOrThrow(options);

        return clientBuilder.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = PostgreSqlInvariant.Name;
            clustering.ConnectionString = SchemaConnectionString.For(options.ConnectionString, options.Schema);
        });
    }
}

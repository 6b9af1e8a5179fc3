using Dailyfeed.Orleans.Tests.PostgreSql;
using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Orleans.Tests.OutboxStorage;

/// <summary>The outbox storage on the production store: PostgreSQL, in a fresh schema dropped afterwards.</summary>
public sealed class PostgreSqlOutboxCluster : OutboxStorageCluster
{
    private readonly PostgreSqlTestSchema _schema = new();

    protected override void AddStore(IServiceCollection services) => services.AddPostgreSqlClusterStore(options =>
    {
        options.ConnectionString = _schema.ConnectionString;
        options.Schema = _schema.Name;
    });

    protected override ValueTask DeleteStoreAsync() => _schema.DisposeAsync();
}

using Dailyfeed.Runtime.PostgreSql.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dailyfeed.Runtime.Tests.Stores;

/// <summary>Real PostgreSQL, a fresh schema per test so tests run in parallel without seeing each other.</summary>
public sealed class PostgreSqlStoreProfile : StoreProfile
{
    public static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("DAILYFEED_PG_CONNECTION")
        ?? "Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed";

    private readonly string _schema = $"rt_{Guid.NewGuid():N}"[..15];

    public override void Register(IServiceCollection services) =>
        services.AddPostgreSqlClusterStore(o =>
        {
            o.ConnectionString = ConnectionString;
            o.Schema = _schema;
        });

    public override async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dailyfeed.Orleans.Outbox.Tests.PostgreSql;

/// <summary>
/// A fresh schema on the real server for one test, dropped afterwards, so tests run in parallel without seeing each
/// other. An unreachable server fails the test: these tests must never silently skip.
/// </summary>
public sealed class PostgreSqlTestSchema : IAsyncDisposable
{
    private const string ConnectionVariable = "DAILYFEED_PG_CONNECTION";
    private const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed";
    private const int SchemaSuffixLength = 12;

    public static string ConnectionString { get; } = Environment.GetEnvironmentVariable(ConnectionVariable) ?? DefaultConnection;

    public PostgreSqlTestSchema()
    {
        Schema = "t_" + Guid.NewGuid().ToString("N")[..SchemaSuffixLength];
        Database = new PostgreSqlClusterDatabase(Options.Create(new PostgreSqlClusterOptions { ConnectionString = ConnectionString, Schema = Schema }));
    }

    public string Schema { get; }

    public PostgreSqlClusterDatabase Database { get; }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

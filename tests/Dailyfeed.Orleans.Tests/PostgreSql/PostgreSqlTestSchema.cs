using Npgsql;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

/// <summary>A fresh, uniquely named schema in the test database, dropped on dispose.</summary>
public sealed class PostgreSqlTestSchema : IAsyncDisposable
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed";

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("DAILYFEED_PG_CONNECTION") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public string Name { get; } = $"orleans_test_{Guid.NewGuid():N}"[..32];

    /// <summary>Connection whose unqualified names resolve in this schema.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Name }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE;", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

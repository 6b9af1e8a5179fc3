using Npgsql;

namespace Dailyfeed.Orleans.PostgreSql.Schema;

/// <summary>Points a connection string at one schema, since Orleans' providers use unqualified table names.</summary>
public static class SchemaConnectionString
{
    public static string For(string connectionString, string schema) =>
        new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
}

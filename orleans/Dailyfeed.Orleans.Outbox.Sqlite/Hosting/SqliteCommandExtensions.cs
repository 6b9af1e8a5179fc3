using Microsoft.Data.Sqlite;

namespace Dailyfeed.Orleans.Outbox.Sqlite.Hosting;

/// <summary>Positional parameters ($1, $2, ...) so the SQL reads like the PostgreSQL provider's.</summary>
public static class SqliteCommandExtensions
{
    public static SqliteCommand WithParameters(this SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        }

        return command;
    }

    public static SqliteCommand Command(this SqliteConnection connection, string sql, params object?[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.WithParameters(values);
    }

    public static long ToUnixMs(this DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Sqlite.Options;

/// <summary>Fails silo start when a SQLite store is configured without a usable file or timeout.</summary>
public sealed class SqliteStorageOptionsValidator(SqliteStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.DataSource))
        {
            throw new OrleansConfigurationException(
                $"{nameof(SqliteStorageOptions)}.{nameof(SqliteStorageOptions.DataSource)} is required for SQLite store '{name}'.");
        }

        if (options.DataSource.Contains(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            throw new OrleansConfigurationException(
                $"SQLite store '{name}' needs a file: an in-memory database would differ on every connection.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            throw new OrleansConfigurationException(
                $"{nameof(SqliteStorageOptions)}.{nameof(SqliteStorageOptions.BusyTimeout)} of SQLite store '{name}' must be positive.");
        }
    }
}

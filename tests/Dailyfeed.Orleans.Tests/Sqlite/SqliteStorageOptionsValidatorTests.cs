using Dailyfeed.Orleans.Sqlite.Options;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>A silo with a misconfigured SQLite store refuses to start, naming the store and the setting.</summary>
public sealed class SqliteStorageOptionsValidatorTests
{
    [Fact]
    public void A_store_without_a_data_source_is_refused()
    {
        var error = Should.Throw<OrleansConfigurationException>(
            () => new SqliteStorageOptionsValidator(new SqliteStorageOptions(), "Default").ValidateConfiguration());

        error.Message.ShouldContain(nameof(SqliteStorageOptions.DataSource));
        error.Message.ShouldContain("Default");
    }

    [Fact]
    public void An_in_memory_database_is_refused()
    {
        Should.Throw<OrleansConfigurationException>(
            () => new SqliteStorageOptionsValidator(new SqliteStorageOptions { DataSource = ":memory:" }, "Default").ValidateConfiguration());
    }

    [Fact]
    public void A_non_positive_busy_timeout_is_refused()
    {
        var options = new SqliteStorageOptions { DataSource = "orleans.db", BusyTimeout = TimeSpan.Zero };

        Should.Throw<OrleansConfigurationException>(() => new SqliteStorageOptionsValidator(options, "Default").ValidateConfiguration());
    }

    [Fact]
    public void A_file_with_a_positive_busy_timeout_is_accepted()
    {
        Should.NotThrow(() => new SqliteStorageOptionsValidator(new SqliteStorageOptions { DataSource = "orleans.db" }, "Default").ValidateConfiguration());
    }
}

using Dailyfeed.Orleans.PostgreSql.Schema;
using Npgsql;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

public sealed class SchemaMigrationTests : IAsyncLifetime
{
    private readonly PostgreSqlTestSchema _schema = new();

    // Every key Orleans 10.4.2's ADO.NET clustering, persistence and reminder providers read (CleanupDefunctSiloEntryKey is
    // optional to them; with it they delete each defunct row only if it is unchanged).
    private static readonly string[] ProviderQueryKeys =
    [
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey",
        "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DisposeAsync().AsTask();

    [Fact]
    public async Task Three_silos_migrating_at_once_apply_each_step_exactly_once_and_a_rerun_changes_nothing()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() => PostgreSqlSchema.MigrateAsync(_schema.ConnectionString, _schema.Name))));

        runs.SelectMany(applied => applied).Order().ShouldBe(SchemaMigration.All.Select(m => m.Version));
        (await _schema.ScalarAsync<long>($"SELECT count(*) FROM {PostgreSqlSchema.VersionTable}"))
            .ShouldBe(SchemaMigration.All.Count);

        var rerun = await PostgreSqlSchema.MigrateAsync(_schema.ConnectionString, _schema.Name);

        rerun.ShouldBeEmpty();
    }

    [Fact]
    public async Task Migrated_schema_holds_every_query_the_providers_read_including_defunct_silo_cleanup()
    {
        await PostgreSqlSchema.MigrateAsync(_schema.ConnectionString, _schema.Name);

        await using var connection = await _schema.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        keys.ShouldBeSubsetOf(ProviderQueryKeys);
        ProviderQueryKeys.ShouldBeSubsetOf(keys);
    }

    [Theory]
    [InlineData("Orleans")]
    [InlineData("orleans; DROP TABLE x")]
    [InlineData("")]
    public async Task A_schema_name_that_is_not_a_plain_lower_case_identifier_is_refused_before_touching_the_database(string schema)
    {
        await Should.ThrowAsync<OrleansConfigurationException>(() => PostgreSqlSchema.MigrateAsync(_schema.ConnectionString, schema));
    }

    [Fact]
    public async Task A_schema_name_with_a_trailing_newline_is_refused()
    {
        // The test's own schema name, so a regression migrates into a schema this test drops rather than a shared one.
        var withNewline = $"{_schema.Name}\n";

        await Should.ThrowAsync<OrleansConfigurationException>(() => PostgreSqlSchema.MigrateAsync(_schema.ConnectionString, withNewline));
    }

    [Fact]
    public async Task Grain_state_table_refuses_a_second_row_for_the_same_state_even_without_a_key_extension()
    {
        await PostgreSqlSchema.MigrateAsync(_schema.ConnectionString, _schema.Name);
        const string insert = """
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
            VALUES ('svc', 'profile', 0, 42, NULL, NULL, 1)
            """;
        await _schema.ScalarAsync<object>(insert);

        var duplicate = await Should.ThrowAsync<PostgresException>(() => _schema.ScalarAsync<object>(insert));

        duplicate.SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
    }
}

using Dailyfeed.Orleans.Outbox.PostgreSql.Streams;
using Dailyfeed.Orleans.Outbox.Streams;
using Npgsql;

namespace Dailyfeed.Orleans.Outbox.Tests.PostgreSql;

/// <summary>
/// listener_dead_letters records the delivery attempts of each parked event, also in a schema created before the
/// column existed (the schema script adds it to such a table, and running it again changes nothing).
/// </summary>
public sealed class PostgreSqlDeadLetterAttemptsTests : IAsyncLifetime
{
    private const int DeliveryAttempts = 5;

    private readonly PostgreSqlTestSchema _schema = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task A_table_from_before_the_attempts_column_gets_it_and_stores_each_rows_attempts()
    {
        await CreateShippedListenerTableAsync();
        var store = new PostgreSqlDeadLetterStore(_schema.Database);
        var parked = SampleEvents.Activity("listener-attempts-1");

        await store.AddAsync(DeadLetterKind.Listener, parked, "consumer threw", DeliveryAttempts, default);

        var rows = await store.ListAsync(DeadLetterKind.Listener, includeCompleted: true, 10, default);
        rows.Single(r => r.Event.MessageKey == "old-row").Attempts.ShouldBe(0, "rows from before the column read as no recorded attempts");
        var row = rows.Single(r => r.Event.MessageKey == parked.MessageKey);
        row.Attempts.ShouldBe(DeliveryAttempts);
        row.Error.ShouldBe("consumer threw");
        row.Event.ShouldBe(parked);
    }

    /// <summary>The table as the first version of the schema script created it, with one row.</summary>
    private async Task CreateShippedListenerTableAsync()
    {
        await using var connection = new NpgsqlConnection(PostgreSqlTestSchema.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            $"""
            CREATE SCHEMA {_schema.Schema};
            CREATE TABLE {_schema.Schema}.listener_dead_letters (
                id bigserial PRIMARY KEY, payload jsonb NOT NULL, error text NOT NULL,
                is_completed boolean NOT NULL DEFAULT false, is_editing boolean NOT NULL DEFAULT false,
                category text NOT NULL, message_key text NOT NULL, replay_attempts integer NOT NULL DEFAULT 0,
                claimed_at timestamptz NULL, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
            """,
            connection);
        await create.ExecuteNonQueryAsync();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {_schema.Schema}.listener_dead_letters (payload, error, category, message_key) VALUES ($1::jsonb, 'old', 'ACTIVITY', 'old-row')",
            connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = StreamEventSerializer.Serialize(SampleEvents.Activity("old-row")) });
        await insert.ExecuteNonQueryAsync();
    }
}

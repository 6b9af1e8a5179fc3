using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Dailyfeed.Orleans.Outbox.Streams;
using Npgsql;
using NpgsqlTypes;

namespace Dailyfeed.Orleans.Outbox.PostgreSql.Streams;

/// <summary>
/// The outbox table. Claims use FOR UPDATE SKIP LOCKED plus a lease column, so relays on different silos never take
/// the same row and a relay that dies only delays its rows by the lease.
/// </summary>
public sealed class PostgreSqlOutboxStore(PostgreSqlClusterDatabase database) : IStreamOutboxStore
{
    private readonly string _table = $"{database.Schema}.stream_outbox";

    internal static async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO {schema}.stream_outbox (event) SELECT unnest($1::jsonb[])", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(StreamEventSerializer.Serialize).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxRows, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE {_table} SET claimed_until = now() + $2
            WHERE sequence IN (
                SELECT sequence FROM {_table}
                WHERE next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING sequence, event::text, attempts
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = maxRows });
        command.Parameters.Add(new NpgsqlParameter { Value = lease });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new OutboxEntry(reader.GetInt64(0), StreamEventSerializer.DeserializeOrThrow(reader.GetString(1)), reader.GetInt32(2)));
        }

        return entries.OrderBy(e => e.Sequence).ToList();
    }

    public async Task CompleteAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DELETE FROM {_table} WHERE sequence = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = sequences.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(long sequence, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"UPDATE {_table} SET attempts = attempts + 1, next_attempt_at = $2, claimed_until = NULL WHERE sequence = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = retryAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MoveToDeadLettersAsync(long sequence, string error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            WITH moved AS (DELETE FROM {_table} WHERE sequence = $1 RETURNING event, attempts)
            INSERT INTO {database.Schema}.publisher_dead_letters (payload, error, category, message_key, attempts)
            SELECT event, $2, event->>'category', event->>'messageKey', attempts + 1 FROM moved
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = error });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {_table}", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<DateTimeOffset?> OldestCreatedAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT min(created_at) FROM {_table}", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime oldest
            ? new DateTimeOffset(DateTime.SpecifyKind(oldest, DateTimeKind.Utc))
            : null;
    }
}

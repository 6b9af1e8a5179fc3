using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Orleans.Outbox.Sqlite.Streams;

/// <summary>The embedded outbox. SQLite has one writer at a time, so an UPDATE ... RETURNING claim is already exclusive.</summary>
public sealed class SqliteOutboxStore(SqliteClusterDatabase database, TimeProvider clock) : IStreamOutboxStore
{
    internal static async Task AppendAsync(
        SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<StreamEvent> events, long now, CancellationToken cancellationToken)
    {
        foreach (var streamEvent in events)
        {
            await using var command = connection.Command(
                "INSERT INTO stream_outbox (event, created_at) VALUES ($1, $2)", StreamEventSerializer.Serialize(streamEvent), now);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxRows, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixMs();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            """
            UPDATE stream_outbox SET claimed_until = $2
            WHERE sequence IN (
                SELECT sequence FROM stream_outbox
                WHERE next_attempt_at <= $3 AND (claimed_until IS NULL OR claimed_until < $3)
                ORDER BY sequence LIMIT $1)
            RETURNING sequence, event, attempts
            """,
            maxRows, now + (long)lease.TotalMilliseconds, now);
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
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sequence in sequences)
        {
            await using var command = connection.Command("DELETE FROM stream_outbox WHERE sequence = $1", sequence);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(long sequence, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "UPDATE stream_outbox SET attempts = attempts + 1, next_attempt_at = $2, claimed_until = NULL WHERE sequence = $1",
            sequence, retryAt.ToUnixMs());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MoveToDeadLettersAsync(long sequence, string error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixMs();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = connection.Command(
            """
            INSERT INTO publisher_dead_letters (payload, error, category, message_key, created_at, updated_at, attempts)
            SELECT event, $2, json_extract(event, '$.category'), json_extract(event, '$.messageKey'), $3, $3, attempts + 1 FROM stream_outbox WHERE sequence = $1
            """,
            sequence, error, now))
        {
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var delete = connection.Command("DELETE FROM stream_outbox WHERE sequence = $1", sequence))
        {
            delete.Transaction = transaction;
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT count(*) FROM stream_outbox");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<DateTimeOffset?> OldestCreatedAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT min(created_at) FROM stream_outbox");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long unixMs
            ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
            : null;
    }
}

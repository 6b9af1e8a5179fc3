using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Dailyfeed.Orleans.Outbox.Streams;
using Npgsql;
using NpgsqlTypes;

namespace Dailyfeed.Orleans.Outbox.PostgreSql.Streams;

/// <summary>publisher_dead_letters and listener_dead_letters; claims flip is_editing under FOR UPDATE SKIP LOCKED.</summary>
public sealed class PostgreSqlDeadLetterStore(PostgreSqlClusterDatabase database) : IDeadLetterStore
{
    private const string Columns = "id, payload::text, error, is_completed, is_editing, replay_attempts, created_at, updated_at, attempts";

    public async Task AddAsync(DeadLetterKind kind, StreamEvent streamEvent, string error, int attempts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {Table(kind)} (payload, error, category, message_key, attempts) VALUES ($1::jsonb, $2, $3, $4, $5)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = StreamEventSerializer.Serialize(streamEvent), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = error });
        command.Parameters.Add(new NpgsqlParameter { Value = streamEvent.Category });
        command.Parameters.Add(new NpgsqlParameter { Value = streamEvent.MessageKey });
        command.Parameters.Add(new NpgsqlParameter { Value = attempts });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<DeadLetter>> ClaimAsync(DeadLetterKind kind, int maxRows, TimeSpan staleAfter, CancellationToken cancellationToken) =>
        QueryAsync(
            kind,
            $"""
            UPDATE {Table(kind)} SET is_editing = true, claimed_at = now(), updated_at = now()
            WHERE id IN (
                SELECT id FROM {Table(kind)}
                WHERE NOT is_completed AND (NOT is_editing OR claimed_at < now() - $2)
                ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """,
            cancellationToken,
            maxRows,
            staleAfter);

    public Task CompleteAsync(DeadLetterKind kind, long id, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {Table(kind)} SET is_completed = true, is_editing = false, updated_at = now() WHERE id = $1", cancellationToken, id);

    public Task ReleaseAsync(DeadLetterKind kind, long id, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {Table(kind)} SET is_editing = false, error = $2, replay_attempts = replay_attempts + 1, updated_at = now() WHERE id = $1",
            cancellationToken,
            id,
            error);

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows, CancellationToken cancellationToken) =>
        QueryAsync(
            kind,
            $"SELECT {Columns} FROM {Table(kind)} WHERE $2 OR NOT is_completed ORDER BY id LIMIT $1",
            cancellationToken,
            maxRows,
            includeCompleted);

    private string Table(DeadLetterKind kind) =>
        $"{database.Schema}.{(kind == DeadLetterKind.Publisher ? "publisher_dead_letters" : "listener_dead_letters")}";

    private async Task<IReadOnlyList<DeadLetter>> QueryAsync(DeadLetterKind kind, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DeadLetter(
                reader.GetInt64(0), kind, StreamEventSerializer.DeserializeOrThrow(reader.GetString(1)), reader.GetString(2),
                reader.GetBoolean(3), reader.GetBoolean(4), reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)) { Attempts = reader.GetInt32(8) });
        }

        return rows.OrderBy(r => r.Id).ToList();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Orleans.Outbox.Sqlite.Streams;

/// <summary>The embedded dead-letter tables, with the same claim rules as PostgreSQL's.</summary>
public sealed class SqliteDeadLetterStore(SqliteClusterDatabase database, TimeProvider clock) : IDeadLetterStore
{
    private const string Columns = "id, payload, error, is_completed, is_editing, replay_attempts, created_at, updated_at, attempts";

    public Task AddAsync(DeadLetterKind kind, StreamEvent streamEvent, string error, int attempts, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"INSERT INTO {Table(kind)} (payload, error, category, message_key, created_at, updated_at, attempts) VALUES ($1, $2, $3, $4, $5, $5, $6)",
            cancellationToken,
            StreamEventSerializer.Serialize(streamEvent), error, streamEvent.Category, streamEvent.MessageKey, Now(), attempts);

    public Task<IReadOnlyList<DeadLetter>> ClaimAsync(DeadLetterKind kind, int maxRows, TimeSpan staleAfter, CancellationToken cancellationToken) =>
        QueryAsync(
            kind,
            $"""
            UPDATE {Table(kind)} SET is_editing = 1, claimed_at = $2, updated_at = $2
            WHERE id IN (
                SELECT id FROM {Table(kind)}
                WHERE is_completed = 0 AND (is_editing = 0 OR claimed_at < $3)
                ORDER BY id LIMIT $1)
            RETURNING {Columns}
            """,
            cancellationToken,
            maxRows, Now(), Now() - (long)staleAfter.TotalMilliseconds);

    public Task CompleteAsync(DeadLetterKind kind, long id, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {Table(kind)} SET is_completed = 1, is_editing = 0, updated_at = $2 WHERE id = $1", cancellationToken, id, Now());

    public Task ReleaseAsync(DeadLetterKind kind, long id, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE {Table(kind)} SET is_editing = 0, error = $2, replay_attempts = replay_attempts + 1, updated_at = $3 WHERE id = $1",
            cancellationToken,
            id, error, Now());

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows, CancellationToken cancellationToken) =>
        QueryAsync(
            kind,
            $"SELECT {Columns} FROM {Table(kind)} WHERE $2 = 1 OR is_completed = 0 ORDER BY id LIMIT $1",
            cancellationToken,
            maxRows, includeCompleted ? 1 : 0);

    private static string Table(DeadLetterKind kind) => kind == DeadLetterKind.Publisher ? "publisher_dead_letters" : "listener_dead_letters";

    private long Now() => clock.GetUtcNow().ToUnixMs();

    private async Task<IReadOnlyList<DeadLetter>> QueryAsync(DeadLetterKind kind, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DeadLetter(
                reader.GetInt64(0), kind, StreamEventSerializer.DeserializeOrThrow(reader.GetString(1)), reader.GetString(2),
                reader.GetInt64(3) != 0, reader.GetInt64(4) != 0, reader.GetInt32(5),
                SqliteCommandExtensions.FromUnixMs(reader.GetInt64(6)), SqliteCommandExtensions.FromUnixMs(reader.GetInt64(7)))
                { Attempts = reader.GetInt32(8) });
        }

        return rows.OrderBy(r => r.Id).ToList();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(sql, values);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

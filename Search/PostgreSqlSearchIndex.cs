using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Search;
using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Npgsql;

namespace Dailyfeed.Search;

/// <summary>
/// Search on PostgreSQL with pg_trgm: a trigram GIN index serves ILIKE '%keyword%' for any script (Hangul included,
/// where splitting on spaces would miss particles glued to words), and trigram similarity orders the hits.
/// </summary>
public sealed class PostgreSqlSearchIndex(PostgreSqlClusterDatabase database) : ISearchIndex
{
    private const long SchemaLockKey = 0x5EA2C4;
    private readonly string _table = $"{database.Schema}.search_documents";
    private readonly object _sync = new();
    private Task? _schema;

    public async Task UpsertAsync(SearchKind kind, long id, string text, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_table} (kind, id, body, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (kind, id) DO UPDATE SET body = EXCLUDED.body
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = createdAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(SearchKind kind, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DELETE FROM {_table} WHERE kind = $1 AND id = ANY($2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SearchHits> SearchAsync(SearchKind kind, string keyword, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT id, count(*) OVER () FROM {_table}
            WHERE kind = $1 AND body ILIKE $2 ESCAPE '\'
            ORDER BY similarity(body, $3) DESC, created_at DESC, id DESC
            LIMIT $4 OFFSET $5
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = KeywordPattern.Contains(keyword) });
        command.Parameters.Add(new NpgsqlParameter { Value = keyword });
        command.Parameters.Add(new NpgsqlParameter { Value = page.Size });
        command.Parameters.Add(new NpgsqlParameter { Value = page.Page * page.Size });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        long total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
            total = reader.GetInt64(1);
        }

        return new SearchHits(ids, page.Page, page.Size, ids.Count == 0 && page.Page > 0 ? await CountAsync(connection, kind, keyword, cancellationToken) : total);
    }

    private async Task<long> CountAsync(NpgsqlConnection connection, SearchKind kind, string keyword, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {_table} WHERE kind = $1 AND body ILIKE $2 ESCAPE '\\'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = KeywordPattern.Contains(keyword) });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        Task schema;
        lock (_sync)
        {
            schema = _schema is { IsFaulted: false, IsCanceled: false } ? _schema : _schema = CreateSchemaAsync(connection);
        }

        await schema;
        return connection;
    }

    private async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        // Silos start together: the advisory lock keeps two of them from racing on CREATE EXTENSION.
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({SchemaLockKey});
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE TABLE IF NOT EXISTS {_table} (
                kind        text        NOT NULL,
                id          bigint      NOT NULL,
                body        text        NOT NULL,
                created_at  timestamptz NOT NULL,
                PRIMARY KEY (kind, id)
            );
            CREATE INDEX IF NOT EXISTS search_documents_body_trgm ON {_table} USING gin (body gin_trgm_ops);
            """,
            connection,
            transaction);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}

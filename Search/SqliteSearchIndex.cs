using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Search;
using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Search;

/// <summary>The embedded default's search: substring match (any script), newest first. No relevance ranking.</summary>
public sealed class SqliteSearchIndex(SqliteClusterDatabase database) : ISearchIndex
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS search_documents (
            kind       TEXT NOT NULL,
            id         INTEGER NOT NULL,
            body       TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (kind, id)
        );
        """;

    public async Task UpsertAsync(SearchKind kind, long id, string text, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO search_documents (kind, id, body, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body",
            kind.ToString(), id, text, createdAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(SearchKind kind, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var id in ids)
        {
            await using var command = connection.Command("DELETE FROM search_documents WHERE kind = $1 AND id = $2", kind.ToString(), id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<SearchHits> SearchAsync(SearchKind kind, string keyword, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var pattern = KeywordPattern.Contains(keyword);
        await using var count = connection.Command(
            "SELECT count(*) FROM search_documents WHERE kind = $1 AND body LIKE $2 ESCAPE '\\'", kind.ToString(), pattern);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var query = connection.Command(
            "SELECT id FROM search_documents WHERE kind = $1 AND body LIKE $2 ESCAPE '\\' ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4",
            kind.ToString(), pattern, page.Size, page.Page * page.Size);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return new SearchHits(ids, page.Page, page.Size, total);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await using var schema = connection.Command(Schema);
        await schema.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}

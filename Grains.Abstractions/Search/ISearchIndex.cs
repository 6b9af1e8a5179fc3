using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Abstractions.Search;

public enum SearchKind
{
    Post,
    Comment,
}

/// <summary>One numbered result page of document ids, best match first.</summary>
public sealed record SearchHits(IReadOnlyList<long> Ids, int Page, int Size, long TotalElements);

/// <summary>
/// Full-text index over post and comment text, written by the grains that own the text and queried by the search
/// endpoints. Must match Korean as well as English: implementations match substrings, not whitespace-split words.
/// </summary>
public interface ISearchIndex
{
    Task UpsertAsync(SearchKind kind, long id, string text, DateTimeOffset createdAt, CancellationToken cancellationToken);

    Task DeleteAsync(SearchKind kind, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    Task<SearchHits> SearchAsync(SearchKind kind, string keyword, PageRequest page, CancellationToken cancellationToken);
}

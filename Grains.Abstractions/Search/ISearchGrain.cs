using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Runtime;

namespace Dailyfeed.Grains.Abstractions.Search;

/// <summary>A numbered page: { content, page, size, totalElements, totalPages, first, last, hasNext, hasPrevious }.</summary>
public sealed record NumberedPage<T>(
    IReadOnlyList<T> Content,
    int Page,
    int Size,
    long TotalElements,
    int TotalPages,
    bool First,
    bool Last,
    bool HasNext,
    bool HasPrevious);

/// <summary>
/// Runs searches in the read pool, keyed by the keyword so repeated searches spread over silos by keyword. Stateless:
/// calls interleave freely.
/// </summary>
[GrainPool(GrainPools.Read)]
public interface ISearchGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<NumberedPage<PostView>> SearchPostsAsync(long viewerId, Paging.PageRequest page);

    [AlwaysInterleave]
    Task<NumberedPage<CommentView>> SearchCommentsAsync(long viewerId, Paging.PageRequest page);
}

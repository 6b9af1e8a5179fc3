using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Abstractions.Search;

/// <summary>
/// Runs searches in the read pool, keyed by the keyword so repeated searches spread over silos by keyword. Stateless:
/// calls interleave freely.
/// </summary>
[Alias("dailyfeed.search.ISearchGrain")]
public interface ISearchGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<NumberedPage<PostView>> SearchPostsAsync(long viewerId, Paging.PageRequest page);

    [AlwaysInterleave]
    Task<NumberedPage<CommentView>> SearchCommentsAsync(long viewerId, Paging.PageRequest page);
}

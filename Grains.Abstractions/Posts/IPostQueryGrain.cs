using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>
/// Stateless post queries that combine indexes (rankings, day lists) and turn ids into post views. Keyed by anything:
/// callers spread load by key. Calls interleave freely.
/// </summary>
[Alias("dailyfeed.posts.IPostQueryGrain")]
public interface IPostQueryGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<Slice<PostView>> RankedAsync(PostRanking ranking, long viewerId, PageRequest page);

    /// <summary>Posts created from <paramref name="start"/> to <paramref name="end"/> (UTC days, inclusive), newest first.</summary>
    [AlwaysInterleave]
    Task<NumberedPage<PostView>> CreatedBetweenAsync(DateOnly start, DateOnly end, long viewerId, PageRequest page);

    /// <summary>Post views for references, in order; posts deleted meanwhile are left out.</summary>
    [AlwaysInterleave]
    Task<Slice<PostView>> ViewsAsync(Slice<PostRef> refs, long viewerId);
}

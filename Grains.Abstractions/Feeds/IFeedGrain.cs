using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Abstractions.Feeds;

/// <summary>
/// A member's follow feed, keyed by member id: post references pushed at write time by authors (bounded, newest
/// first), merged at read time with posts pulled from followed authors too popular to push (hybrid fan-out).
/// </summary>
[Alias("dailyfeed.feeds.IFeedGrain")]
public interface IFeedGrain : IGrainWithIntegerKey
{
    Task PushAsync(PostRef post);

    Task RemovePostAsync(long postId);

    /// <summary>Adds an author's recent posts (a new follow).</summary>
    Task BackfillAsync(IReadOnlyList<PostRef> posts);

    /// <summary>Drops every post of an author (an unfollow).</summary>
    Task RemoveAuthorAsync(long authorId);

    Task<Slice<PostRef>> GetPageAsync(PageRequest page);

    /// <summary>A page of the feed as its member sees it, rendered on this grain's silo from its copies of the posts.</summary>
    [ReadOnly]
    Task<Slice<PostView>> GetViewPageAsync(PageRequest page);
}

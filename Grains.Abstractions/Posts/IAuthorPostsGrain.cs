using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>
/// An author's own posts, newest first, keyed by author id. Serves "my posts" and "author posts", backfills a new
/// follower's feed, and is where feeds pull from authors too popular to fan out to.
/// </summary>
[Alias("dailyfeed.posts.IAuthorPostsGrain")]
public interface IAuthorPostsGrain : IGrainWithIntegerKey
{
    Task AddAsync(PostRef post);

    Task RemoveAsync(long postId);

    [ReadOnly]
    Task<Slice<PostRef>> GetPageAsync(PageRequest page);

    /// <summary>The newest posts, at most <paramref name="count"/>.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PostRef>> GetRecentAsync(int count);
}

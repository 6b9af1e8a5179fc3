using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Feeds;

/// <summary>An author's timeline of post references; calls no other grain.</summary>
[GrainPool(GrainPools.Read)]
public sealed class AuthorPostsGrain(
    [PersistentState("author_posts")] IPersistentState<AuthorPostsState> timeline,
    IOptions<FeedOptions> options) : Grain, IAuthorPostsGrain
{
    public async Task AddAsync(PostRef post)
    {
        if (PostRefList.Insert(timeline.State.Posts, post, options.Value.MaxAuthorPosts))
        {
            await timeline.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(long postId)
    {
        if (timeline.State.Posts.RemoveAll(p => p.PostId == postId) > 0)
        {
            await timeline.WriteStateAsync();
        }
    }

    public Task<Slice<PostRef>> GetPageAsync(PageRequest page) => Task.FromResult(Slices.Of(timeline.State.Posts, page));

    public Task<IReadOnlyList<PostRef>> GetRecentAsync(int count) =>
        Task.FromResult<IReadOnlyList<PostRef>>(timeline.State.Posts.Take(count).ToList());
}

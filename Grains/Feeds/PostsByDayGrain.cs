using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Feeds;

[GrainPool(GrainPools.Read)]
public sealed class PostsByDayGrain(
    [PersistentState("posts_by_day")] IPersistentState<AuthorPostsState> day) : Grain, IPostsByDayGrain
{
    public async Task AddAsync(PostRef post)
    {
        if (PostRefList.Insert(day.State.Posts, post, int.MaxValue))
        {
            await day.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(long postId)
    {
        if (day.State.Posts.RemoveAll(p => p.PostId == postId) > 0)
        {
            await day.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<PostRef>> GetAllAsync() => Task.FromResult<IReadOnlyList<PostRef>>(day.State.Posts.ToList());
}

using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Feeds;

[GrainPool(GrainPools.Read)]
public sealed class CelebrityDirectoryGrain(
    [PersistentState("celebrities")] IPersistentState<CelebrityDirectoryState> directory) : Grain, ICelebrityDirectoryGrain
{
    public async Task AddAsync(long authorId)
    {
        if (!directory.State.AuthorIds.Contains(authorId))
        {
            directory.State.AuthorIds.Add(authorId);
            await directory.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(long authorId)
    {
        if (directory.State.AuthorIds.Remove(authorId))
        {
            await directory.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<long>> GetAllAsync() => Task.FromResult<IReadOnlyList<long>>(directory.State.AuthorIds.ToList());
}

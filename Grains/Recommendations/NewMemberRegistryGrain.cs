using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Recommendations;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Recommendations;

/// <summary>A bounded, newest-first list of signups; calls no other grain, so it can never take part in a call cycle.</summary>
[GrainPool(GrainPools.Write)]
public sealed class NewMemberRegistryGrain(
    [PersistentState("new_members")] IPersistentState<NewMemberRegistryState> registry,
    IOptions<RecommendationOptions> options) : Grain, INewMemberRegistryGrain
{
    public async Task AddAsync(long memberId)
    {
        var newest = registry.State.Newest;
        newest.Remove(memberId);
        newest.Insert(0, memberId);
        if (newest.Count > options.Value.NewMembersKept)
        {
            newest.RemoveRange(options.Value.NewMembersKept, newest.Count - options.Value.NewMembersKept);
        }

        await registry.WriteStateAsync();
    }

    public async Task RemoveAsync(long memberId)
    {
        if (registry.State.Newest.Remove(memberId))
        {
            await registry.WriteStateAsync();
        }
    }

    public Task<Slice<long>> RecommendAsync(long forMemberId, IReadOnlyList<long> excluded, PageRequest page)
    {
        var skip = excluded.ToHashSet();
        skip.Add(forMemberId);
        return Task.FromResult(Slices.Of(registry.State.Newest.Where(id => !skip.Contains(id)), page));
    }
}

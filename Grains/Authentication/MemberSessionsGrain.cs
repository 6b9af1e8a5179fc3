using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Authentication;

/// <summary>The login sessions of one member, so that logout-all reaches every refresh-token family.</summary>
[GrainPool(GrainPools.Write)]
public sealed class MemberSessionsGrain(
    [PersistentState("member_sessions")] IPersistentState<MemberSessionsState> sessions) : Grain, IMemberSessionsGrain
{
    public async Task AddAsync(Guid familyId)
    {
        if (!sessions.State.FamilyIds.Contains(familyId))
        {
            sessions.State.FamilyIds.Add(familyId);
            await sessions.WriteStateAsync();
        }
    }

    public async Task<int> RevokeAllAsync(string reason)
    {
        var families = sessions.State.FamilyIds.ToList();
        await Task.WhenAll(families.Select(f => GrainFactory.GetGrain<IRefreshSessionGrain>(f).RevokeAsync(reason)));
        sessions.State.FamilyIds.Clear();
        await sessions.WriteStateAsync();
        return families.Count;
    }
}

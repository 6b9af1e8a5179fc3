using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Authentication;

[GrainPool(GrainPools.Write)]
public sealed class SessionExpiryIndexGrain(
    [PersistentState("session_expiry")] IPersistentState<SessionExpiryIndexState> index) : Grain, ISessionExpiryIndexGrain
{
    public async Task AddAsync(Guid familyId)
    {
        if (!index.State.FamilyIds.Contains(familyId))
        {
            index.State.FamilyIds.Add(familyId);
            await index.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyList<Guid>> DrainAsync()
    {
        var families = index.State.FamilyIds.ToList();
        if (index.RecordExists)
        {
            await index.ClearStateAsync();
        }

        return families;
    }
}

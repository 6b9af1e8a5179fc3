using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;
using Orleans.Storage;

namespace Dailyfeed.Grains.Identity;

/// <summary>
/// Holds one unique value. Uniqueness rests on the store: the claim is a conditional write, so if two activations of
/// this grain ever coexist, the database lets only one claim land and the other surfaces as the conflict code.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class UniqueKeyGrain(
    [PersistentState("unique_key")] IPersistentState<UniqueKeyState> key) : Grain, IUniqueKeyGrain
{
    public async Task ClaimOrThrowAsync(long ownerId, string conflictCode)
    {
        if (key.State.OwnerId == ownerId)
        {
            return;
        }

        if (key.State.OwnerId is not null)
        {
            throw Taken(conflictCode);
        }

        key.State.OwnerId = ownerId;
        try
        {
            await key.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation claimed it first; this one's copy is stale, so the next call starts from storage.
            key.State.OwnerId = null;
            DeactivateOnIdle();
            throw Taken(conflictCode);
        }
    }

    public async Task ReleaseAsync(long ownerId)
    {
        if (key.State.OwnerId == ownerId)
        {
            await key.ClearStateAsync();
        }
    }

    public Task<long?> GetOwnerAsync() => Task.FromResult(key.State.OwnerId);

    private DomainException Taken(string code) =>
        new(code, $"'{this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().IndexOf(':') + 1)..]}' is already taken.");
}

using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Identity;

/// <summary>A sequence: the new high-water mark is stored before any id of the block is handed out, so no id repeats.</summary>
[GrainPool(GrainPools.Write)]
public sealed class IdAllocatorGrain(
    [PersistentState("id_sequence")] IPersistentState<IdAllocatorState> sequence,
    IOptions<IdAllocatorOptions> options) : Grain, IIdAllocatorGrain
{
    public async Task<long> ReserveAsync(int count)
    {
        if (count < 1 || count > options.Value.MaxReservation)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, $"count must be between 1 and {options.Value.MaxReservation}.");
        }

        var first = sequence.State.Next;
        sequence.State.Next = first + count;
        try
        {
            await sequence.WriteStateAsync();
        }
        catch
        {
            sequence.State.Next = first;
            throw;
        }

        return first;
    }
}

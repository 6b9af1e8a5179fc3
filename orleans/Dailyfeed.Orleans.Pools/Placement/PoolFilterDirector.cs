using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Dailyfeed.Orleans.Pools.Placement;

/// <summary>
/// Keeps, of the silos able to host a grain type, those whose <c>pools</c> metadata lists the grain's pool; throws
/// <see cref="NoSiloInPoolException"/> when none does.
/// </summary>
/// <remarks>
/// <para>
/// Runs on the silo that places the activation. The local silo's pools come from its own metadata (always known); a
/// remote silo's come from <see cref="ISiloMetadataCache"/>, which stays empty for a silo until this silo has fetched
/// its metadata after seeing it join. A silo whose pools are not known is <b>excluded</b>: placement never guesses, so
/// a grain cannot land in the wrong pool during start-up. The cost is that a silo which just joined receives no
/// pooled activations for a moment, and if it is the only silo of its pool, callers get
/// <see cref="NoSiloInPoolException"/> (transient) until its metadata arrives.
/// </para>
/// <para>
/// When Orleans hands the filter no candidate at all (no active silo hosts the grain type) the filter returns the
/// empty set and Orleans throws its own <see cref="OrleansException"/> ("No active nodes are compatible with grain
/// ...").
/// </para>
/// </remarks>
internal sealed class PoolFilterDirector(SiloPoolDirectory directory) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(
        PlacementFilterStrategy filterStrategy,
        PlacementTarget target,
        IEnumerable<SiloAddress> silos)
    {
        var pool = ((PoolFilterStrategy)filterStrategy).Pool;
        var candidates = silos as IReadOnlyCollection<SiloAddress> ?? silos.ToList();
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var inPool = new List<SiloAddress>(candidates.Count);
        var unknown = 0;
        foreach (var silo in candidates)
        {
            if (!directory.TryGetPools(silo, out var pools))
            {
                unknown++;
            }
            else if (SiloPoolsMetadata.Lists(pools, pool))
            {
                inPool.Add(silo);
            }
        }

        if (inPool.Count == 0)
        {
            throw new NoSiloInPoolException(pool, target.GrainIdentity.Type.ToString()!, candidates.Count, unknown);
        }

        return inPool;
    }
}

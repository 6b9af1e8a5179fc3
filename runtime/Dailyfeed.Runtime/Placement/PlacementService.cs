using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Membership;

namespace Dailyfeed.Runtime.Placement;

/// <summary>Answers "which live silo of the grain's pool owns this grain" from the current membership view.</summary>
internal sealed class PlacementService(ClusterMembershipService membership)
{
    public SiloInfo PickSiloOrThrow(GrainReference reference) =>
        PickSiloOrThrow(reference.Metadata.Pool, reference.PlacementHash, reference.GrainId);

    public SiloInfo PickSiloOrThrow(string pool, ulong placementHash, GrainId grainId) =>
        RendezvousPlacement.Pick(placementHash, membership.View.ActiveInPool(pool))
        ?? throw new SiloUnavailableException($"No live silo serves the '{pool}' pool needed by {grainId}.");

    /// <summary>True when this silo is the owner under the current view (false if the pool has no live silo).</summary>
    public bool IsOwnedLocally(string pool, ulong placementHash) =>
        RendezvousPlacement.Pick(placementHash, membership.View.ActiveInPool(pool))?.IsLocal == true;
}

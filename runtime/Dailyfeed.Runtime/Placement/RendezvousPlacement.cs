using Dailyfeed.Runtime.Membership;

namespace Dailyfeed.Runtime.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: each grain goes to the silo with the highest mix(grain, silo) score.
/// Every node computes the same answer from the membership view alone, and when a silo leaves only its own grains
/// move.
/// </summary>
internal static class RendezvousPlacement
{
    public static SiloInfo? Pick(ulong grainHash, IReadOnlyList<SiloInfo> candidates)
    {
        SiloInfo? best = null;
        var bestScore = 0UL;
        for (var i = 0; i < candidates.Count; i++)
        {
            var silo = candidates[i];
            var score = StableHash.Mix(grainHash ^ silo.Hash);
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(silo.SiloId, best.SiloId) < 0))
            {
                best = silo;
                bestScore = score;
            }
        }

        return best;
    }
}

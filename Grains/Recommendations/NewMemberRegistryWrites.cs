using Dailyfeed.Grains.Abstractions.Recommendations;
using Orleans.Storage;

namespace Dailyfeed.Grains.Recommendations;

/// <summary>
/// Adds to and removes from the one registry of new members on behalf of a member grain. Both writes are idempotent.
/// A conflict means another activation of the registry wrote first, while silos briefly disagreed on its placement
/// (a missed membership lease on a starved machine); the stale activation is dropped, so the write is made again on
/// a fresh one rather than failing a signup whose member is already saved.
/// </summary>
public static class NewMemberRegistryWrites
{
    public static Task AddAsync(IGrainFactory grains, long memberId, RecommendationOptions options) =>
        RetryOnConflictAsync(() => Registry(grains).AddAsync(memberId), options.RegistryWriteAttempts);

    public static Task RemoveAsync(IGrainFactory grains, long memberId, RecommendationOptions options) =>
        RetryOnConflictAsync(() => Registry(grains).RemoveAsync(memberId), options.RegistryWriteAttempts);

    private static INewMemberRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<INewMemberRegistryGrain>(NewMemberRegistry.Key);

    private static async Task RetryOnConflictAsync(Func<Task> write, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (InconsistentStateException) when (attempt < attempts)
            {
            }
        }
    }
}

using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Identity;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Testing.Silos;

/// <summary>
/// Waits until every silo is active and a grain of each pool answers: right after a silo joins, the others may not
/// have its pools yet, and a call placed then would find no silo for the pool.
/// </summary>
internal static class PoolReadiness
{
    /// <summary>Generous for a cold start of several silos on a loaded CI machine.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Key of the write-pool grain called to see that pool served; the call only reads.</summary>
    private const string WriteProbeKey = "cluster-ready-probe";

    public static async Task WaitAsync(IClusterClient client, int silos)
    {
        var deadline = DateTime.UtcNow + Limit;
        var management = client.GetGrain<IManagementGrain>(0);
        while (true)
        {
            try
            {
                if ((await management.GetHosts(onlyActive: true)).Count == silos)
                {
                    // A read-pool grain, then a write-pool grain.
                    await client.GetGrain<ICelebrityDirectoryGrain>(CelebrityDirectory.Key).GetAllAsync();
                    await client.GetGrain<IUniqueKeyGrain>(WriteProbeKey).GetOwnerAsync();
                    return;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // Not served yet: poll again until the deadline.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The cluster's pools were not all served within {Limit}.");
            }

            await Task.Delay(Poll);
        }
    }
}

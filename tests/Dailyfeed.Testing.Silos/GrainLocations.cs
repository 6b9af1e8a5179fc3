using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Testing.Silos;

/// <summary>Where a cluster's grains live, as tests ask it through any client of the cluster.</summary>
public static class GrainLocations
{
    /// <summary>
    /// The name of the silo holding <paramref name="grain"/>'s activation as the grain directory records it (null
    /// when it records none). The directory can still name a silo for a moment after an idle activation is collected:
    /// ask each silo's catalog (<c>IManagementGrain.GetActiveGrains</c>) to see collection.
    /// </summary>
    public static async Task<string?> SiloOfAsync(IGrainFactory grains, IAddressable grain)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var address = await management.GetActivationAddress(grain);
        return address is null
            ? null
            : (await management.GetDetailedHosts(onlyActive: true)).SingleOrDefault(host => host.SiloAddress.Equals(address))?.SiloName;
    }
}

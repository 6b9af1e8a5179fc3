using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Dailyfeed.Orleans.Pools.Placement;

/// <summary>
/// The <c>pools</c> metadata a silo published: this silo's from its own options (always known), another's from
/// <see cref="ISiloMetadataCache"/>, which is empty for a silo until this one has fetched its metadata after it joined.
/// </summary>
internal sealed class SiloPoolDirectory(
    ILocalSiloDetails localSilo,
    IOptions<SiloMetadata> localMetadata,
    ISiloMetadataCache metadataCache)
{
    /// <summary>The silo's published <c>pools</c> value, or false when it is not known (yet).</summary>
    public bool TryGetPools(SiloAddress silo, out string pools)
    {
        var metadata = silo.Equals(localSilo.SiloAddress) ? localMetadata.Value : metadataCache.GetSiloMetadata(silo);
        return metadata.Metadata.TryGetValue(SiloPoolsMetadata.Key, out pools!);
    }
}

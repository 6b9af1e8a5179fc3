using Dailyfeed.Orleans.Pools.Placement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Dailyfeed.Orleans.Pools;

/// <summary>
/// Makes a silo serve grain pools: publishes its pools as silo metadata, installs the pool filter, and runs the
/// receiver of pool broadcasts (<see cref="Broadcast.IPoolBroadcast"/>).
/// </summary>
public static class GrainPoolSiloBuilderExtensions
{
    /// <summary>The configuration section whose keys become silo metadata (<c>pools</c> among them).</summary>
    public const string MetadataSection = "Orleans:Metadata";

    /// <summary>
    /// Serves the pools named by <c>Orleans:Metadata:pools</c> in the silo's configuration
    /// (environment <c>Orleans__Metadata__pools=read,write</c>); see <see cref="AddGrainPools(ISiloBuilder, IConfiguration)"/>.
    /// </summary>
    public static ISiloBuilder AddGrainPools(this ISiloBuilder builder) =>
        builder.AddGrainPools(builder.Configuration.GetSection(MetadataSection));

    /// <summary>
    /// Serves the pools named by the <c>pools</c> key of <paramref name="metadataSection"/> (comma-separated, e.g.
    /// <c>read,write</c>). Every other key of the section is published as silo metadata too, as
    /// <c>UseSiloMetadata()</c> would.
    /// </summary>
    public static ISiloBuilder AddGrainPools(this ISiloBuilder builder, IConfiguration metadataSection)
    {
        var metadata = metadataSection.GetChildren()
            .Where(entry => entry.Value is not null && !entry.Key.Equals(SiloPoolsMetadata.Key, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(entry => entry.Key, entry => entry.Value!);
        return AddGrainPools(builder, SiloPoolsMetadata.Parse(metadataSection[SiloPoolsMetadata.Key]), metadata);
    }

    /// <summary>Serves <paramref name="pools"/> (each one of <see cref="GrainPools"/>; at least one).</summary>
    public static ISiloBuilder AddGrainPools(this ISiloBuilder builder, params string[] pools) =>
        AddGrainPools(builder, SiloPoolsMetadata.Normalize(pools), []);

    /// <remarks>
    /// Calls <c>UseSiloMetadata</c> itself: Orleans registers its metadata services again on every call (a second
    /// metadata cache, a second membership watcher), so a silo must configure its metadata through exactly one call.
    /// </remarks>
    private static ISiloBuilder AddGrainPools(ISiloBuilder builder, IReadOnlyList<string> pools, Dictionary<string, string> otherMetadata)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(ISiloMetadataCache)))
        {
            throw new InvalidOperationException(
                "Silo metadata is already configured. AddGrainPools calls UseSiloMetadata itself and must be the only "
                + "call that configures silo metadata: remove the other UseSiloMetadata or AddGrainPools call, and pass "
                + $"the whole {MetadataSection} section to AddGrainPools to publish other metadata keys as well.");
        }

        builder.Services.AddSingleton<IValidateOptions<GrainPoolOptions>, GrainPoolOptionsValidator>();
        builder.Services.AddOptions<GrainPoolOptions>()
            .Configure(options => options.Pools = pools.ToList())
            .ValidateOnStart();

        otherMetadata[SiloPoolsMetadata.Key] = SiloPoolsMetadata.Format(pools);
        builder.UseSiloMetadata(otherMetadata);
        builder.Services.AddSingleton<SiloPoolDirectory>();
        builder.Services.AddPlacementFilter<PoolFilterStrategy, PoolFilterDirector>(ServiceLifetime.Transient);
        builder.Services.AddPoolBroadcast();
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>
/// Builds <see cref="SiloMetadata"/> with entries through Orleans' public API (its setters are internal): a silo host
/// that is configured with the entries, built and never started.
/// </summary>
internal static class SiloMetadataFactory
{
    public static SiloMetadata Create(Dictionary<string, string> entries)
    {
        using var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true })
            .UseOrleans(silo => silo.UseSiloMetadata(entries))
            .Build();
        return host.Services.GetRequiredService<IOptions<SiloMetadata>>().Value;
    }

    public static SiloMetadata WithPools(string pools) => Create(new() { ["pools"] = pools });
}

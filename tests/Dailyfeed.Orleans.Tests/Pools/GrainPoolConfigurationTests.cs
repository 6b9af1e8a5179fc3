using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Pools.Placement;
using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Metadata;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>What <c>AddGrainPools</c> registers and refuses, checked on silo hosts that are built but not started.</summary>
public sealed class GrainPoolConfigurationTests
{
    [Theory]
    [InlineData(new string[0], "The silo serves no pool")]
    [InlineData(new[] { " ", "" }, "The silo serves no pool")]
    [InlineData(new[] { "read", "raed" }, "Unknown pool(s) 'raed'; known pools: read, write.")]
    public void Options_without_a_known_pool_are_rejected(string[] pools, string message)
    {
        using var host = Build(silo => silo.AddGrainPools(pools));

        Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<GrainPoolOptions>>().Value)
            .Message.ShouldContain(message);
    }

    [Fact]
    public void Pool_names_are_trimmed_lower_cased_and_de_duplicated()
    {
        using var host = Build(silo => silo.AddGrainPools(" Write", "read", "WRITE"));

        host.Services.GetRequiredService<IOptions<GrainPoolOptions>>().Value.Pools.ShouldBe(["write", "read"]);
        host.Services.GetRequiredService<IOptions<SiloMetadata>>().Value.Metadata["pools"].ShouldBe("write,read");
    }

    [Fact]
    public void The_configuration_overload_reads_pools_and_publishes_the_section_other_keys()
    {
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:Metadata:POOLS"] = "read", ["Orleans:Metadata:zone"] = "b" })
            .Build()
            .GetSection("Orleans:Metadata");

        using var host = Build(silo => silo.AddGrainPools(section));

        var metadata = host.Services.GetRequiredService<IOptions<SiloMetadata>>().Value.Metadata;
        metadata.OrderBy(e => e.Key).ShouldBe([new("pools", "read"), new("zone", "b")]);
    }

    [Fact]
    public async Task A_silo_without_pools_does_not_start()
    {
        using var host = Build(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort())
            .AddGrainPools(new ConfigurationBuilder().Build()));

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        failure.Message.ShouldContain("Orleans:Metadata:pools");
    }

    [Fact]
    public void Silo_metadata_configured_elsewhere_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => Build(silo => silo.UseSiloMetadata().AddGrainPools(GrainPools.Read)))
            .Message.ShouldContain("AddGrainPools calls UseSiloMetadata itself");
        Should.Throw<InvalidOperationException>(() => Build(silo => silo.AddGrainPools(GrainPools.Read).AddGrainPools(GrainPools.Write)));
    }

    [Fact]
    public void The_pool_travels_from_the_attribute_through_grain_properties_to_the_strategy()
    {
        var properties = new Dictionary<string, string>();
        new GrainPoolAttribute(GrainPools.Read).Populate(null!, typeof(ReadProbeGrain), GrainType.Create("readprobe"), properties);

        var strategy = new PoolFilterStrategy();
        strategy.Initialize(new GrainProperties(properties.ToImmutableDictionary(StringComparer.Ordinal)));

        strategy.Pool.ShouldBe(GrainPools.Read);
        properties[WellKnownGrainTypeProperties.PlacementFilter].ShouldBe(nameof(PoolFilterStrategy));
    }

    [Fact]
    public void An_unknown_pool_on_a_grain_class_stops_the_silo_with_the_class_name()
    {
        var failure = Should.Throw<InvalidOperationException>(() =>
            new GrainPoolAttribute("reed").Populate(null!, typeof(ReadProbeGrain), GrainType.Create("readprobe"), []));

        failure.Message.ShouldBe(
            $"Grain class {typeof(ReadProbeGrain).FullName} declares unknown pool 'reed' in [GrainPoolAttribute]; known pools: read, write.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IHost Build(Action<ISiloBuilder> configure) =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true })
            .UseOrleans(configure)
            .Build();
}

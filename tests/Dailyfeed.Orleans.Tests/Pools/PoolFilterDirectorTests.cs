using System.Net;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Pools.Placement;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>The filter alone, with a hand-filled metadata cache: what it does with silos it knows and does not know.</summary>
public sealed class PoolFilterDirectorTests
{
    private static readonly SiloAddress Local = Silo(1);
    private static readonly SiloAddress ReadSilo = Silo(2);
    private static readonly SiloAddress WriteSilo = Silo(3);
    private static readonly SiloAddress BothSilo = Silo(4);
    private static readonly SiloAddress JustJoined = Silo(5);

    private readonly FakeMetadataCache _cache = new()
    {
        [ReadSilo] = SiloMetadataFactory.WithPools("read"),
        [WriteSilo] = SiloMetadataFactory.WithPools("write"),
        [BothSilo] = SiloMetadataFactory.WithPools(" Write , READ "),
    };

    [Fact]
    public void Keeps_silos_whose_pools_list_the_grain_pool_whatever_the_case_and_spacing()
    {
        var director = Director(localPools: "write");

        director.Filter(Read, Target, [ReadSilo, WriteSilo, BothSilo]).ShouldBe([ReadSilo, BothSilo]);
        director.Filter(Write, Target, [ReadSilo, WriteSilo, BothSilo]).ShouldBe([WriteSilo, BothSilo]);
    }

    [Fact]
    public void Excludes_a_silo_whose_metadata_has_not_been_fetched_yet()
    {
        var director = Director(localPools: "write");

        director.Filter(Read, Target, [JustJoined, ReadSilo]).ShouldBe([ReadSilo]);
    }

    [Fact]
    public void Knows_the_local_silo_from_its_own_metadata_before_the_cache_has_it()
    {
        var director = Director(localPools: "read,write");

        director.Filter(Read, Target, [Local, JustJoined]).ShouldBe([Local]);
    }

    [Fact]
    public void Does_not_match_a_pool_name_inside_another_name()
    {
        _cache[JustJoined] = SiloMetadataFactory.WithPools("reader,rewrite");
        var director = Director(localPools: "write");

        Should.Throw<NoSiloInPoolException>(() => director.Filter(Read, Target, [JustJoined]).ToArray());
    }

    [Fact]
    public void Throws_NoSiloInPoolException_naming_the_pool_when_no_candidate_serves_it()
    {
        var director = Director(localPools: "write");

        var failure = Should.Throw<NoSiloInPoolException>(() => director.Filter(Read, Target, [Local, WriteSilo, JustJoined]).ToArray());

        failure.Pool.ShouldBe("read");
        failure.GrainType.ShouldBe("feed");
        failure.Message.ShouldBe(
            "No active silo serves the 'read' pool that grain type 'feed' needs: 3 active silo(s) can host the type, "
            + "none lists 'read' in its 'pools' metadata (1 have not published their pools to this silo yet).");
    }

    [Fact]
    public void Leaves_an_empty_candidate_set_to_Orleans_own_error()
    {
        Director(localPools: "write").Filter(Read, Target, []).ShouldBeEmpty();
    }

    private static readonly PoolFilterStrategy Read = new(GrainPools.Read, 0);
    private static readonly PoolFilterStrategy Write = new(GrainPools.Write, 0);
    private static readonly PlacementTarget Target = new(GrainId.Create("feed", "42"), [], default, 0);

    private PoolFilterDirector Director(string localPools) =>
        new(new SiloPoolDirectory(new LocalSilo(), Options.Create(SiloMetadataFactory.WithPools(localPools)), _cache));

    private static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11_110 + n), 1);

    private sealed class FakeMetadataCache : Dictionary<SiloAddress, SiloMetadata>, ISiloMetadataCache
    {
        public SiloMetadata GetSiloMetadata(SiloAddress siloAddress) => TryGetValue(siloAddress, out var metadata) ? metadata : SiloMetadata.Empty;
    }

    private sealed class LocalSilo : ILocalSiloDetails
    {
        public string Name => "local";
        public string ClusterId => "test";
        public string DnsHostName => "localhost";
        public SiloAddress SiloAddress => Local;
        public SiloAddress GatewayAddress => Local;
    }
}

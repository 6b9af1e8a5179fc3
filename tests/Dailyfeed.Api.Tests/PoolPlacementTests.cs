using System.Net;
using System.Reflection;
using Dailyfeed.Grains.Hosting;
using Dailyfeed.Orleans.Pools;
using Orleans;
using Orleans.Runtime;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>Two write silos and two read silos.</summary>
public sealed class TwoByTwoPoolsCluster : ApiCluster
{
    protected override string[][] SiloLayout => [GrainPoolsFor.Write, GrainPoolsFor.Write, GrainPoolsFor.Read, GrainPoolsFor.Read];
}

public sealed class PoolPlacementTests(TwoByTwoPoolsCluster cluster) : IClassFixture<TwoByTwoPoolsCluster>
{
    /// <summary>Every grain class of Dailyfeed, by its name in Orleans' grain statistics, with the pool it declares.</summary>
    public static readonly Dictionary<string, string> PoolOfGrainClass = typeof(DailyfeedGrainsServiceCollectionExtensions).Assembly
        .GetTypes()
        .Where(type => type.GetCustomAttribute<GrainPoolAttribute>() is not null)
        .ToDictionary(StatisticsName, type => type.GetCustomAttribute<GrainPoolAttribute>()!.Pool);

    /// <summary>How Orleans' grain statistics name a grain class: its full name and assembly.</summary>
    private static string StatisticsName(Type grainClass) => $"{grainClass.FullName},{grainClass.Assembly.GetName().Name}";

    [Fact]
    public async Task After_traffic_through_every_feature_each_grain_class_is_active_only_on_silos_of_its_pool()
    {
        await DriveEveryFeatureAsync();

        var management = cluster.Cluster.Client.GetGrain<IManagementGrain>(0);
        var silos = (await management.GetDetailedHosts(onlyActive: true)).ToDictionary(host => host.SiloAddress, host => host.SiloName);
        var poolsOfSilo = cluster.Cluster.Silos.ToDictionary(silo => silo.Name, silo => silo.Pools);
        var statistics = await management.GetDetailedGrainStatistics();
        var placed = statistics.Where(s => PoolOfGrainClass.ContainsKey(s.GrainType)).ToList();

        placed.Select(s => PoolOfGrainClass[s.GrainType]).Distinct().Order().ToList().ShouldBe([GrainPools.Read, GrainPools.Write], "the traffic activated grains of both pools");
        placed.Select(s => s.GrainType).Distinct().Count().ShouldBeGreaterThanOrEqualTo(15, "most grain classes were activated");
        foreach (var activation in placed)
        {
            var silo = silos[activation.SiloAddress];
            poolsOfSilo[silo].ShouldContain(PoolOfGrainClass[activation.GrainType], $"{activation.GrainType} is active on {silo}");
        }
    }

    private async Task DriveEveryFeatureAsync()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var reader = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        await reader.SignupAndLoginAsync();
        (await reader.PostAsync($"/api/members/follow/{authorId}")).Status.ShouldBe(HttpStatusCode.OK);
        var postId = (await author.PostAsync("/api/posts", new { content = "pools placement" })).Id;
        var commentId = (await reader.PostAsync("/api/comments", new { postId, content = "a comment" })).Id;
        await reader.PostAsync($"/api/comments/{commentId}/like");
        await reader.PostAsync($"/api/posts/{postId}/like");
        foreach (var path in new[]
                 {
                     "/api/timeline/posts/followings", $"/api/timeline/posts/{postId}", "/api/timeline/posts/most-popular",
                     "/api/timeline/posts/most-commented", $"/api/timeline/posts/{postId}/comments", "/api/search/posts?keyword=pools",
                     "/api/member-activities", "/api/members/profile", "/api/timeline/comments",
                 })
        {
            (await reader.GetAsync(path)).Status.ShouldBe(HttpStatusCode.OK, path);
        }
    }
}

/// <summary>One write silo and one read silo; the test stops the read silo.</summary>
public sealed class OneByOnePoolsCluster : ApiCluster
{
    protected override string[][] SiloLayout => [GrainPoolsFor.Write, GrainPoolsFor.Read];
}

public sealed class MissingPoolTests(OneByOnePoolsCluster cluster) : IClassFixture<OneByOnePoolsCluster>
{
    [Fact]
    public async Task With_no_read_silo_left_a_feed_read_answers_503_and_nothing_of_the_read_pool_activates_on_a_write_silo()
    {
        using var member = cluster.Gateway.CreateApiClient();
        await member.SignupAndLoginAsync();
        var readSilo = cluster.Cluster.Silos.Single(silo => silo.Pools.Contains(GrainPools.Read));
        await cluster.Cluster.StopSiloAsync(readSilo);

        var feed = await member.GetAsync("/api/timeline/posts/followings");

        feed.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        feed.Code.ShouldBe("SERVICE_UNAVAILABLE");
        var statistics = await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var readPoolClasses = PoolPlacementTests.PoolOfGrainClass.Where(c => c.Value == GrainPools.Read).Select(c => c.Key).ToHashSet();
        statistics.ShouldNotContain(s => readPoolClasses.Contains(s.GrainType), "no read-pool grain was placed on the write silo");
    }
}

using System.Net;
using Dailyfeed.Grains.Abstractions.Feeds;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>Silos that collect grains idle for two seconds (Orleans' default is fifteen minutes).</summary>
public sealed class QuickCollectionCluster : ApiCluster
{
    public static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(2);

    protected override void ConfigureSilos(IServiceCollection services) => services.Configure<GrainCollectionOptions>(o =>
    {
        o.CollectionAge = CollectionAge;
        o.CollectionQuantum = TimeSpan.FromMilliseconds(500);
    });
}

public sealed class IdleCollectionTests(QuickCollectionCluster cluster) : IClassFixture<QuickCollectionCluster>
{
    private static readonly TimeSpan CollectionLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task An_idle_feed_is_collected_and_the_next_read_brings_it_back_from_storage_unchanged()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var reader = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        var readerId = await reader.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var posts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add((await author.PostAsync("/api/posts", new { content = $"kept across collection {i}" })).Id);
        }

        (await reader.GetAsync("/api/timeline/posts/followings")).ContentIds.ShouldBe(Enumerable.Reverse(posts));
        var feed = cluster.Cluster.Client.GetGrain<IFeedGrain>(readerId).GetGrainId();
        (await IsActiveAsync(feed)).ShouldBeTrue("the read activated the feed");

        var deadline = DateTime.UtcNow + CollectionLimit;
        while (await IsActiveAsync(feed))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the idle feed was collected within {CollectionLimit}");
            await Task.Delay(Poll);
        }

        var again = await reader.GetAsync("/api/timeline/posts/followings");
        again.Status.ShouldBe(HttpStatusCode.OK);
        again.ContentIds.ShouldBe(Enumerable.Reverse(posts), "the feed read back from storage holds the same posts");
    }

    /// <summary>Whether any silo holds an activation of <paramref name="grain"/> (each silo's own catalog, not the directory).</summary>
    private async Task<bool> IsActiveAsync(GrainId grain) =>
        (await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(grain.Type)).Contains(grain);
}

using System.Net;
using Dailyfeed.Grains.Abstractions.Posts;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>A cluster whose grain calls a test can make fail, and whose deletes retry their removals after 1 s.</summary>
public sealed class FailingCallsCluster : ApiCluster
{
    public FailingGrainCalls Failures { get; } = new();

    protected override IReadOnlyDictionary<string, string?> GrainSettings { get; } = new Dictionary<string, string?>
    {
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
        ["Dailyfeed:Posts:RemovalRetryInterval"] = "00:00:01",
    };

    protected override void ConfigureSilos(IServiceCollection services)
    {
        services.AddSingleton(Failures);
        services.AddSingleton<IIncomingGrainCallFilter, FailingGrainCalls.Filter>();
    }
}

/// <summary>
/// A delete is one state write followed by removals from every list the post is in. When a removal fails part-way,
/// the delete is still acknowledged and the removals are finished later, so no list keeps a dead entry that would cut
/// its pages short for good (before, the delete answered an error and a retry answered "already deleted").
/// </summary>
public sealed class PostRemovalTests(FailingCallsCluster cluster) : IClassFixture<FailingCallsCluster>
{
    [Fact]
    public async Task A_delete_whose_removal_fails_part_way_still_leaves_full_pages_once_it_retries()
    {
        using var reader = cluster.Gateway.CreateApiClient();
        using var author = cluster.Gateway.CreateApiClient();
        await reader.SignupAndLoginAsync();
        var authorId = await author.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var ids = await author.PostManyAsync(11);

        // The rankings come before search and feeds in the removal, so one failure there leaves every later list stale.
        cluster.Failures.FailNext<IPostRankingGrain>(nameof(IPostRankingGrain.RemoveAsync), count: 2);
        var deleted = ids[^1];
        (await author.DeleteAsync($"/api/posts/{deleted}")).Status.ShouldBe(HttpStatusCode.OK);
        (await author.GetAsync($"/api/posts/{deleted}")).Status.ShouldBe(HttpStatusCode.NotFound, "the delete itself is acknowledged");

        var live = ids[..^1].AsEnumerable().Reverse().ToList();
        await Eventually.HoldsAsync(async () =>
        {
            var feed = await reader.GetAsync("/api/timeline/posts/followings?page=0&size=10");
            return feed.ContentIds.SequenceEqual(live) && !feed.Data.GetProperty("hasNext").GetBoolean();
        });
        cluster.Failures.Remaining<IPostRankingGrain>(nameof(IPostRankingGrain.RemoveAsync)).ShouldBe(0, "both injected failures were retried past");
        var popular = await reader.GetAsync("/api/timeline/posts/most-popular?page=0&size=20");
        popular.ContentIds.ShouldNotContain(deleted);
        popular.ContentIds.ShouldContain(ids[0]);
    }
}

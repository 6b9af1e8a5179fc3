using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Shouldly;

namespace Dailyfeed.Api.Tests.ReadPool;

/// <summary>
/// One write silo and two read silos, deployed as in production: only read silos take clients. Every marked grain call
/// is recorded with the silo that ran it.
/// </summary>
public sealed class TracedReadPoolCluster : ApiCluster
{
    public TracedGrainCalls Calls { get; } = new();

    protected override string[][] SiloLayout => [GrainPoolsFor.Write, GrainPoolsFor.Read, GrainPoolsFor.Read];

    protected override IReadOnlyDictionary<string, string?> SiloSettings(IReadOnlyList<string> pools) => new Dictionary<string, string?>
    {
        ["Dailyfeed:Silo:AcceptClients"] = pools.Contains(GrainPools.Read) ? "true" : "false",
    };

    protected override void ConfigureSilos(IServiceCollection services)
    {
        services.AddSingleton(Calls);
        services.AddSingleton<IIncomingGrainCallFilter, TracedGrainCalls.Filter>();
    }
}

/// <summary>
/// Follow-feed reads stay in the read pool: a page is one call from the gateway, answered by a read silo from its own
/// copies of the posts and authors, and each change to a post or its author is in the next read once acknowledged.
/// </summary>
public sealed class ReadPoolTests(TracedReadPoolCluster cluster) : IClassFixture<TracedReadPoolCluster>
{
    private static readonly PageRequest FirstPage = new(0, 20);

    [Fact]
    public async Task A_warm_feed_page_is_one_grain_call_answered_by_a_read_silo_alone()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var reader = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        var readerId = await reader.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        for (var i = 0; i < 3; i++)
        {
            await author.PostAsync("/api/posts", new { content = $"read-pool post {i}" });
        }

        var feed = cluster.Cluster.Client.GetGrain<IFeedGrain>(readerId);
        (await ReadMarkedAsync(feed, "cold")).Content.Count.ShouldBe(3);
        var page = await ReadMarkedAsync(feed, "warm");

        page.Content.Select(p => p.Content).ShouldBe(["read-pool post 2", "read-pool post 1", "read-pool post 0"]);
        var calls = cluster.Calls.Of("warm");
        calls.Select(c => $"{c.Interface}.{c.Method}").ShouldBe([$"{typeof(IFeedGrain).FullName}.{nameof(IFeedGrain.GetViewPageAsync)}"]);
        PoolsOf(calls.Single().Silo).ShouldBe([GrainPools.Read]);
        cluster.Calls.Of("cold").ShouldContain(c => PoolsOf(c.Silo).Contains(GrainPools.Write), "a cold silo copies the posts from the write pool");
    }

    [Fact]
    public async Task A_warm_feed_read_through_the_gateway_is_one_grain_call_answered_by_a_read_silo_alone()
    {
        // Production's key refresh (a periodic call of its own, not one per read) pushed out of the measured read.
        await using var gateway = cluster.AddGateway(
            new Dictionary<string, string?> { ["Dailyfeed:Jwt:KeyRefreshInterval"] = "01:00:00" },
            MarkedRequests.AddTo);
        using var author = gateway.CreateApiClient();
        using var reader = gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        await reader.SignupAndLoginAsync();
        await reader.PostAsync($"/api/members/follow/{authorId}");
        var postId = (await author.PostAsync("/api/posts", new { content = "read through the gateway" })).Id;

        (await MarkedGetAsync(reader, "/api/timeline/posts/followings", "http-cold")).ContentIds.ShouldBe([postId]);
        var warm = await MarkedGetAsync(reader, "/api/timeline/posts/followings", "http-warm");

        warm.ContentIds.ShouldBe([postId]);
        var calls = cluster.Calls.Of("http-warm");
        calls.Select(c => $"{c.Interface}.{c.Method}").ShouldBe([$"{typeof(IFeedGrain).FullName}.{nameof(IFeedGrain.GetViewPageAsync)}"]);
        PoolsOf(calls.Single().Silo).ShouldBe([GrainPools.Read]);
    }

    [Fact]
    public async Task Clients_enter_through_read_silos_only_so_no_read_is_forwarded_by_a_write_silo()
    {
        var hosts = await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);

        hosts.Select(h => (h.SiloName, Gateway: h.ProxyPort != 0)).OrderBy(h => h.SiloName)
            .ShouldBe(cluster.Cluster.Silos.Select(s => (SiloName: s.Name, Gateway: s.Pools.Contains(GrainPools.Read))).OrderBy(h => h.SiloName));
    }

    [Fact]
    public async Task Likes_edits_renames_and_deletes_show_in_the_next_feed_read_on_every_read_silo()
    {
        using var author = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        var readers = await FollowersOnEveryReadSiloAsync(authorId);
        var postId = (await author.PostAsync("/api/posts", new { content = "as first written" })).Id;
        foreach (var reader in readers)
        {
            (await FirstPostAsync(reader)).GetProperty("likeCount").GetInt64().ShouldBe(0, "each read silo now holds a copy");
        }

        await readers[0].PostAsync($"/api/posts/{postId}/like");
        await author.PutAsync($"/api/posts/{postId}", new { content = "edited" });
        await author.PutAsync("/api/members/profile", new { displayName = "Renamed Author" });
        foreach (var reader in readers)
        {
            var post = await FirstPostAsync(reader);
            post.GetProperty("likeCount").GetInt64().ShouldBe(1);
            post.GetProperty("liked").GetBoolean().ShouldBe(reader == readers[0]);
            post.GetProperty("content").GetString().ShouldBe("edited");
            post.GetProperty("authorName").GetString().ShouldBe("Renamed Author");
        }

        await author.DeleteAsync($"/api/posts/{postId}");
        foreach (var reader in readers)
        {
            (await reader.GetAsync("/api/timeline/posts/followings")).ContentIds.ShouldNotContain(postId);
        }
    }

    private static async Task<ApiResponse> MarkedGetAsync(ApiClient client, string path, string marker)
    {
        client.Http.DefaultRequestHeaders.Add(MarkedRequests.Header, marker);
        try
        {
            var response = await client.GetAsync(path);
            response.Status.ShouldBe(System.Net.HttpStatusCode.OK, response.ToString());
            return response;
        }
        finally
        {
            client.Http.DefaultRequestHeaders.Remove(MarkedRequests.Header);
        }
    }

    private async Task<Slice<Grains.Abstractions.Posts.PostView>> ReadMarkedAsync(IFeedGrain feed, string marker)
    {
        RequestContext.Set(TracedGrainCalls.MarkerKey, marker);
        try
        {
            return await feed.GetViewPageAsync(FirstPage);
        }
        finally
        {
            RequestContext.Remove(TracedGrainCalls.MarkerKey);
        }
    }

    /// <summary>
    /// A follower of the author per read silo, each one's feed activated on that silo (a placement hint), so every read
    /// silo holds a copy of the author's posts.
    /// </summary>
    private async Task<List<ApiClient>> FollowersOnEveryReadSiloAsync(long authorId)
    {
        var readers = new List<ApiClient>();
        foreach (var silo in cluster.Cluster.Silos.Where(s => s.Pools.Contains(GrainPools.Read)))
        {
            var reader = cluster.Gateway.CreateApiClient();
            var feed = cluster.Cluster.Client.GetGrain<IFeedGrain>(await reader.SignupAndLoginAsync());
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress);
            try
            {
                await feed.GetPageAsync(FirstPage);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }

            (await cluster.Cluster.SiloOfAsync(feed)).ShouldBe(silo.Name);
            await reader.PostAsync($"/api/members/follow/{authorId}");
            readers.Add(reader);
        }

        readers.Count.ShouldBe(2);
        return readers;
    }

    private static async Task<System.Text.Json.JsonElement> FirstPostAsync(ApiClient reader) =>
        (await reader.GetAsync("/api/timeline/posts/followings")).Data.GetProperty("content")[0];

    private IReadOnlyList<string> PoolsOf(string siloName) => cluster.Cluster.Silos.Single(s => s.Name == siloName).Pools;
}

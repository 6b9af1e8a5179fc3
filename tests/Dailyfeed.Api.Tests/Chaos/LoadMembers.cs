using System.Collections.Concurrent;
using System.Net;
using Shouldly;

namespace Dailyfeed.Api.Tests.Chaos;

/// <summary>
/// The members of a chaos run, each with its own client on the gateway: authors who post, readers who follow an
/// author and read their feed and the author's profile, sleepers who are only read before and after a fault, and a
/// checker that reads posts back.
/// </summary>
internal sealed class LoadMembers : IDisposable
{
    private const string FeedPath = "/api/timeline/posts/followings?size=10";
    private const string OwnProfilePath = "/api/members/profile";

    private readonly List<(ApiClient Client, long Id)> _authors = [];
    private readonly List<(ApiClient Client, long AuthorId)> _readers = [];
    private readonly List<(ApiClient Client, long Id)> _sleepers = [];
    private ApiClient _checker = null!;

    public static async Task<LoadMembers> SignUpAsync(GatewayFactory gateway, int authors, int readers, int sleepers)
    {
        var members = new LoadMembers();
        try
        {
            for (var i = 0; i < authors; i++)
            {
                var author = gateway.CreateApiClient();
                members._authors.Add((author, await author.SignupAndLoginAsync()));
            }

            for (var i = 0; i < readers; i++)
            {
                var reader = gateway.CreateApiClient();
                await reader.SignupAndLoginAsync();
                var authorId = members._authors[i % authors].Id;
                (await reader.PostAsync($"/api/members/follow/{authorId}")).Status.ShouldBe(HttpStatusCode.OK);
                members._readers.Add((reader, authorId));
            }

            for (var i = 0; i < sleepers; i++)
            {
                var sleeper = gateway.CreateApiClient();
                members._sleepers.Add((sleeper, await sleeper.SignupAndLoginAsync()));
            }

            members._checker = gateway.CreateApiClient();
            await members._checker.SignupAndLoginAsync();
            return members;
        }
        catch
        {
            members.Dispose();
            throw;
        }
    }

    /// <summary>Each sleeper reads its feed (read pool) and its profile (write pool); every answer must be 200.</summary>
    public async Task WarmUpSleepersOrThrowAsync()
    {
        foreach (var (sleeper, _) in _sleepers)
        {
            foreach (var path in new[] { FeedPath, OwnProfilePath })
            {
                var response = await sleeper.GetAsync(path);
                response.Status.ShouldBe(HttpStatusCode.OK, $"a sleeper's {path}: {response}");
            }
        }
    }

    /// <summary>The sleepers' member ids: their grains are touched only by <see cref="WarmUpSleepersOrThrowAsync"/>.</summary>
    public IReadOnlyList<long> SleeperIds => _sleepers.Select(s => s.Id).ToList();

    /// <summary>One worker per author ("write i") and per reader ("read i"); <paramref name="label"/> marks the posts of this run.</summary>
    public void AddWorkers(LoadRun load, string label, TimeSpan pause, int maxRequestsPerWorker)
    {
        foreach (var (author, index) in _authors.Select((a, i) => (a.Client, i)))
        {
            var sequence = 0;
            load.AddWorker($"write {index}", () => author.PostAsync("/api/posts", new { content = $"{label} kill load {++sequence}" }), pause, maxRequestsPerWorker);
        }

        foreach (var ((reader, authorId), index) in _readers.Select((r, i) => (r, i)))
        {
            var turn = 0;
            load.AddWorker($"read {index}", () => turn++ % 2 == 0 ? reader.GetAsync(FeedPath) : reader.GetAsync($"/api/members/profile/{authorId}"), pause, maxRequestsPerWorker);
        }
    }

    /// <summary>The posts among <paramref name="postIds"/> that do not read back as 200, with what came back instead.</summary>
    public async Task<IReadOnlyList<string>> UnreadablePostsAsync(IReadOnlyList<long> postIds, int parallelism)
    {
        var unreadable = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(postIds, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (id, _) =>
        {
            var response = await _checker.GetAsync($"/api/timeline/posts/{id}");
            if (response.Status != HttpStatusCode.OK)
            {
                unreadable.Add($"{id}: {response}");
            }
        });
        return unreadable.ToList();
    }

    public void Dispose()
    {
        _authors.ForEach(a => a.Client.Dispose());
        _readers.ForEach(r => r.Client.Dispose());
        _sleepers.ForEach(s => s.Client.Dispose());
        _checker?.Dispose();
    }
}

using System.Diagnostics;

namespace Dailyfeed.Bench.Social;

/// <summary>The loaded social network: member ids and access tokens by graph node, and every post's author.</summary>
public sealed record LoadedNetwork(long[] MemberIds, string[] Tokens, IReadOnlyList<(int Author, DateTimeOffset CreatedAt)> Posts, TimeSpan LoadTime);

/// <summary>Loads the graph through the public API as DeathStarBench does: register, follow every edge both ways, post.</summary>
public static class GraphLoader
{
    public static async Task<LoadedNetwork> LoadAsync(SocialApi api, Reed98Graph graph, SocialOptions options)
    {
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.LoadParallelism };
        var ids = new long[graph.Members];
        var tokens = new string[graph.Members];
        await Parallel.ForAsync(0, graph.Members, parallel, async (member, _) => ids[member] = await api.SignupAsync(member));
        await Parallel.ForAsync(0, graph.Members, parallel, async (member, _) => tokens[member] = await api.LoginAsync(member));
        Console.Error.WriteLine($"  {graph.Members} members in {clock.Elapsed.TotalSeconds:F0} s");

        var follows = graph.Edges.SelectMany(e => new[] { (Follower: e.A, Followee: e.B), (Follower: e.B, Followee: e.A) }).ToList();
        await Parallel.ForEachAsync(follows, parallel, async (follow, _) => await api.FollowAsync(tokens[follow.Follower], ids[follow.Followee]));
        Console.Error.WriteLine($"  {follows.Count} follows by {clock.Elapsed.TotalSeconds:F0} s");

        var random = new Random(options.Seed);
        var plan = Enumerable.Range(0, graph.Members)
            .SelectMany(member => Enumerable.Repeat(member, random.Next(options.MaxPostsPerMember + 1)))
            .OrderBy(_ => random.Next())
            .Select(author => (Author: author, TextSeed: random.Next()))
            .ToList();
        var posts = new System.Collections.Concurrent.ConcurrentQueue<(int, DateTimeOffset)>();
        await Parallel.ForEachAsync(plan, parallel, async (post, _) =>
        {
            await api.ComposeAsync(tokens[post.Author], PostText.Of(options.PostLength, post.TextSeed));
            posts.Enqueue((post.Author, DateTimeOffset.UtcNow));
        });
        Console.Error.WriteLine($"  {plan.Count} posts by {clock.Elapsed.TotalSeconds:F0} s");
        return new LoadedNetwork(ids, tokens, posts.ToList(), clock.Elapsed);
    }
}

/// <summary>Post bodies of a fixed length.</summary>
public static class PostText
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 ";

    public static string Of(int length, int seed)
    {
        var random = new Random(seed);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }
}

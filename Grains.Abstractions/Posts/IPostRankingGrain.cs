using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>A post's counters as rankings need them; sent whole, so a lost or repeated update self-corrects.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.posts.PostScore")]
public sealed record PostScore(
    [Id(0)] long PostId,
    [Id(1)] long Views,
    [Id(2)] long Likes,
    [Id(3)] long Comments,
    [Id(4)] DateTimeOffset CreatedAt,
    [Id(5)] DateTimeOffset LastActivityAt);

[GenerateSerializer, Alias("dailyfeed.posts.PostRanking")]
public enum PostRanking
{
    /// <summary>views + 2 x likes, then newest.</summary>
    MostPopular,
    MostCommented,
    RecentActivity,
}

/// <summary>
/// Live post rankings (one grain, key <see cref="PostRankings.Key"/>), updated by each post as its counters change,
/// so a ranking page is a read of a sorted list, never a scan over posts.
/// </summary>
[Alias("dailyfeed.posts.IPostRankingGrain")]
public interface IPostRankingGrain : IGrainWithStringKey
{
    Task UpdateAsync(PostScore score);

    Task RemoveAsync(long postId);

    [ReadOnly]
    Task<Slice<long>> GetPageAsync(PostRanking ranking, PageRequest page);
}

public static class PostRankings
{
    public const string Key = "global";
}

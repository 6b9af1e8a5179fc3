using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Runtime;

namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>A post's counters as rankings need them; sent whole, so a lost or repeated update self-corrects.</summary>
public sealed record PostScore(long PostId, long Views, long Likes, long Comments, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt);

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
[GrainPool(GrainPools.Read)]
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

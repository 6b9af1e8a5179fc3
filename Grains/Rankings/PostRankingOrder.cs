using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Rankings;

/// <summary>The three orderings; each ends with newest first and then the larger id, so every order is total.</summary>
public static class PostRankingOrder
{
    public const int LikeWeight = 2;

    public static IOrderedEnumerable<PostScore> Sort(IEnumerable<PostScore> scores, PostRanking ranking) => ranking switch
    {
        PostRanking.MostPopular => scores.OrderByDescending(s => s.Views + (LikeWeight * s.Likes)).ThenByDescending(s => s.CreatedAt).ThenByDescending(s => s.PostId),
        PostRanking.MostCommented => scores.OrderByDescending(s => s.Comments).ThenByDescending(s => s.CreatedAt).ThenByDescending(s => s.PostId),
        _ => scores.OrderByDescending(s => s.LastActivityAt).ThenByDescending(s => s.PostId),
    };
}

using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Rankings;

public sealed class PostRankingState
{
    public Dictionary<long, PostScore> Scores { get; set; } = [];
}

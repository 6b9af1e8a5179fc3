using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Runtime;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Rankings;

/// <summary>
/// Keeps every ranking sorted in memory, re-sorting lazily after changes; persists on a timer and on deactivation
/// rather than per like or view, because updates carry absolute counters and repair anything a crash lost.
/// </summary>
public sealed class PostRankingGrain(
    [PersistentState("post_rankings")] IPersistentState<PostRankingState> rankings,
    IOptions<RankingOptions> options) : Grain, IPostRankingGrain
{
    private readonly RankingOptions _options = options.Value;
    private readonly Dictionary<PostRanking, List<long>> _sorted = [];
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterTimer(_ => PersistIfDirtyAsync(), _options.PersistInterval, _options.PersistInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => PersistIfDirtyAsync();

    public Task UpdateAsync(PostScore score)
    {
        rankings.State.Scores[score.PostId] = score;
        if (rankings.State.Scores.Count > _options.Capacity)
        {
            Evict();
        }

        Changed();
        return Task.CompletedTask;
    }

    public Task RemoveAsync(long postId)
    {
        if (rankings.State.Scores.Remove(postId))
        {
            Changed();
        }

        return Task.CompletedTask;
    }

    public Task<Slice<long>> GetPageAsync(PostRanking ranking, PageRequest page)
    {
        if (!_sorted.TryGetValue(ranking, out var ids))
        {
            ids = PostRankingOrder.Sort(rankings.State.Scores.Values, ranking).Take(_options.RankingDepth).Select(s => s.PostId).ToList();
            _sorted[ranking] = ids;
        }

        return Task.FromResult(Slices.Of(ids, page));
    }

    /// <summary>Drops the least recently active post that is in no ranking's visible depth.</summary>
    private void Evict()
    {
        var visible = Enum.GetValues<PostRanking>()
            .SelectMany(r => PostRankingOrder.Sort(rankings.State.Scores.Values, r).Take(_options.RankingDepth).Select(s => s.PostId))
            .ToHashSet();
        var victim = rankings.State.Scores.Values.Where(s => !visible.Contains(s.PostId)).MinBy(s => s.LastActivityAt)
                     ?? rankings.State.Scores.Values.MinBy(s => s.LastActivityAt)!;
        rankings.State.Scores.Remove(victim.PostId);
    }

    private void Changed()
    {
        _sorted.Clear();
        _dirty = true;
    }

    private async Task PersistIfDirtyAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            await rankings.WriteStateAsync();
        }
    }
}

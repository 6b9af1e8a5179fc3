using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Rankings;

/// <summary>
/// Keeps every ranking sorted in memory, re-sorting lazily after changes; persists on a timer and on deactivation
/// rather than per like or view, because updates carry absolute counters and repair anything a crash lost.
/// </summary>
[GrainPool(GrainPools.Read)]
public sealed class PostRankingGrain(
    [PersistentState("post_rankings")] IPersistentState<PostRankingState> rankings,
    IOptions<RankingOptions> options) : Grain, IPostRankingGrain
{
    private readonly RankingOptions _options = options.Value;
    private readonly Dictionary<PostRanking, List<long>> _sorted = [];
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(PersistIfDirtyAsync, _options.PersistInterval, _options.PersistInterval);
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

    /// <summary>
    /// Drops a batch of the least recently active posts that are in no ranking's visible depth. Finding them sorts
    /// every ranking, so it is paid once per <see cref="RankingOptions.EvictionBatch"/> updates, not on each one:
    /// per update it serialized every compose and view behind three sorts of the whole capacity.
    /// </summary>
    private void Evict()
    {
        var visible = Enum.GetValues<PostRanking>()
            .SelectMany(r => PostRankingOrder.Sort(rankings.State.Scores.Values, r).Take(_options.RankingDepth).Select(s => s.PostId))
            .ToHashSet();
        var excess = rankings.State.Scores.Count - Math.Max(0, _options.Capacity - _options.EvictionBatch);
        var victims = rankings.State.Scores.Values
            .OrderBy(s => visible.Contains(s.PostId))
            .ThenBy(s => s.LastActivityAt)
            .Take(excess)
            .Select(s => s.PostId)
            .ToList();
        foreach (var victim in victims)
        {
            rankings.State.Scores.Remove(victim);
        }
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

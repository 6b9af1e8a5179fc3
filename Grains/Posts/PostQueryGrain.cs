using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Feeds;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Grains.ReadModels;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Posts;

/// <summary>Lists of posts other than the follow feed, rendered from this silo's copies of the posts.</summary>
[GrainPool(GrainPools.Read)]
public sealed class PostQueryGrain(IOptions<PostQueryOptions> options, PostViewReadModel posts) : Grain, IPostQueryGrain
{
    public async Task<Slice<PostView>> RankedAsync(PostRanking ranking, long viewerId, PageRequest page)
    {
        var ids = await GrainFactory.GetGrain<IPostRankingGrain>(PostRankings.Key).GetPageAsync(ranking, page);
        var views = await posts.ViewsAsync(ids.Content, viewerId);
        return new Slice<PostView>(views, ids.Page, ids.Size, ids.HasNext);
    }

    public async Task<NumberedPage<PostView>> CreatedBetweenAsync(DateOnly start, DateOnly end, long viewerId, PageRequest page)
    {
        var days = end.DayNumber - start.DayNumber + 1;
        if (days < 1 || days > options.Value.MaxDateRangeDays)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, $"startDate must not be after endDate, and the range may span at most {options.Value.MaxDateRangeDays} days.");
        }

        var perDay = await Task.WhenAll(Enumerable.Range(0, days)
            .SelectMany(d => PostDays.KeysOf(start.AddDays(d)))
            .Select(key => GrainFactory.GetGrain<IPostsByDayGrain>(key).GetAllAsync()));
        var all = PostRefList.NewestFirst(perDay.SelectMany(p => p)).ToList();
        var views = await posts.ViewsAsync(all.Skip(page.Page * page.Size).Take(page.Size).Select(p => p.PostId).ToList(), viewerId);
        return NumberedPages.Of(views, page.Page, page.Size, all.Count);
    }

    public Task<Slice<PostView>> ViewsAsync(Slice<PostRef> refs, long viewerId) => posts.PageAsync(refs, viewerId);
}

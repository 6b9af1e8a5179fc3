using System.Globalization;
using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Gateway.Api.Fallbacks;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>Reading posts (/api/timeline): feed, rankings, my and an author's posts, date range, one post, statistics.</summary>
public static class TimelineApi
{
    private const string DateFormat = "yyyy-MM-dd";

    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        var timeline = app.MapGroup("/api/timeline").WithTags("Timeline").RequireAuthorization();
        timeline.MapGet("/posts/followings", async (HttpContext c, IGrainFactory g, RenderedPosts r, int? page, int? size) =>
            ApiResults.Scroll(await g.GetGrain<IFeedGrain>(c.User.IdOrThrow()).GetViewPageAsync(TimelinePage(page, size)), r))
            .WithLastGoodPageFallback();
        timeline.MapGet("/posts/most-popular", (HttpContext c, IGrainFactory g, RenderedPosts r, int? page, int? size) => RankedAsync(g, c, r, PostRanking.MostPopular, page, size))
            .WithLastGoodPageFallback();
        timeline.MapGet("/posts/most-commented", (HttpContext c, IGrainFactory g, RenderedPosts r, int? page, int? size) => RankedAsync(g, c, r, PostRanking.MostCommented, page, size))
            .WithLastGoodPageFallback();
        timeline.MapGet("/posts/recent-activities", (HttpContext c, IGrainFactory g, RenderedPosts r, int? page, int? size) => RankedAsync(g, c, r, PostRanking.RecentActivity, page, size))
            .WithLastGoodPageFallback();
        timeline.MapGet("/posts", async (HttpContext c, IGrainFactory g, RenderedPosts r, int? page, int? size) =>
            await ViewsAsync(g, c, r, await g.GetGrain<IAuthorPostsGrain>(c.User.IdOrThrow()).GetPageAsync(PagingParameters.ToRequestOrThrow(page, size))));
        timeline.MapGet("/posts/authors/{authorId:long}", async (long authorId, HttpContext c, IGrainFactory g, RenderedPosts r, int? page, int? size) =>
            await ViewsAsync(g, c, r, await g.GetGrain<IAuthorPostsGrain>(authorId).GetPageAsync(PagingParameters.ToRequestOrThrow(page, size))));
        timeline.MapGet("/posts/date-range", async (string? startDate, string? endDate, HttpContext c, IGrainFactory g, int? page, int? size) =>
            ApiResults.Ok(await Queries(g, c).CreatedBetweenAsync(
                DateOrThrow(startDate, nameof(startDate)), DateOrThrow(endDate, nameof(endDate)), c.User.IdOrThrow(), PagingParameters.ToRequestOrThrow(page, size))));
        timeline.MapGet("/posts/{id:long}", async (long id, HttpContext c, IGrainFactory g) =>
            ApiResults.Ok(await g.GetGrain<IPostGrain>(id).ReadAsync(c.User.IdOrThrow())));
        timeline.MapGet("/statistics/posts/{id:long}", async (long id, IGrainFactory g) =>
            ApiResults.Ok(await g.GetGrain<IPostGrain>(id).GetStatisticsOrThrowAsync()));
        return app;
    }

    private static PageRequest TimelinePage(int? page, int? size) => PagingParameters.ToRequestOrThrow(page, size, PagingParameters.TimelineDefaultSize);

    /// <summary>Queries run on a query grain picked by the asking member, which spreads them over the read pool.</summary>
    private static IPostQueryGrain Queries(IGrainFactory grains, HttpContext context) =>
        grains.GetGrain<IPostQueryGrain>(context.User.IdOrThrow().ToString(CultureInfo.InvariantCulture));

    private static async Task<IResult> ViewsAsync(IGrainFactory grains, HttpContext context, RenderedPosts renderer, Slice<PostRef> refs) =>
        ApiResults.Scroll(await Queries(grains, context).ViewsAsync(refs, context.User.IdOrThrow()), renderer);

    private static async Task<IResult> RankedAsync(IGrainFactory grains, HttpContext context, RenderedPosts renderer, PostRanking ranking, int? page, int? size) =>
        ApiResults.Scroll(await Queries(grains, context).RankedAsync(ranking, context.User.IdOrThrow(), TimelinePage(page, size)), renderer);

    private static DateOnly DateOrThrow(string? value, string name) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DomainException(ErrorCodes.InvalidRequest, $"{name} must be a date as {DateFormat}.");
}

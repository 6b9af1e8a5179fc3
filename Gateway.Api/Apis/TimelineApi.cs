using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Runtime;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>Reading posts: follow feed, my posts, an author's posts, one post, post statistics (/api/timeline).</summary>
public static class TimelineApi
{
    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        var timeline = app.MapGroup("/api/timeline").WithTags("Timeline").RequireAuthorization();
        timeline.MapGet("/posts/followings", async (HttpContext c, IGrainFactory g, int? page, int? size) =>
            await PostsAsync(g, c.User.IdOrThrow(), await g.GetGrain<IFeedGrain>(c.User.IdOrThrow())
                .GetPageAsync(PagingParameters.ToRequestOrThrow(page, size, PagingParameters.TimelineDefaultSize))));
        timeline.MapGet("/posts", async (HttpContext c, IGrainFactory g, int? page, int? size) =>
            await PostsAsync(g, c.User.IdOrThrow(), await g.GetGrain<IAuthorPostsGrain>(c.User.IdOrThrow())
                .GetPageAsync(PagingParameters.ToRequestOrThrow(page, size))));
        timeline.MapGet("/posts/authors/{authorId:long}", async (long authorId, HttpContext c, IGrainFactory g, int? page, int? size) =>
            await PostsAsync(g, c.User.IdOrThrow(), await g.GetGrain<IAuthorPostsGrain>(authorId)
                .GetPageAsync(PagingParameters.ToRequestOrThrow(page, size))));
        timeline.MapGet("/posts/{id:long}", async (long id, HttpContext c, IGrainFactory g) =>
            ApiResults.Ok(await g.GetGrain<IPostGrain>(id).ReadAsync(c.User.IdOrThrow())));
        timeline.MapGet("/statistics/posts/{id:long}", async (long id, IGrainFactory g) =>
            ApiResults.Ok(await g.GetGrain<IPostGrain>(id).GetStatisticsOrThrowAsync()));
        return app;
    }

    /// <summary>The posts behind a page of references, in order; posts deleted since they were listed are left out.</summary>
    private static async Task<IResult> PostsAsync(IGrainFactory grains, long viewerId, Slice<PostRef> refs)
    {
        var posts = await Task.WhenAll(refs.Content.Select(async r =>
        {
            try
            {
                return await grains.GetGrain<IPostGrain>(r.PostId).GetOrThrowAsync(viewerId);
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.PostNotFound)
            {
                return null;
            }
        }));
        return ApiResults.Scroll(new Slice<PostView>(posts.OfType<PostView>().ToList(), refs.Page, refs.Size, refs.HasNext));
    }
}

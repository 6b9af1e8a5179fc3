using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>Writing posts and likes: the original's /api/posts surface.</summary>
public static class PostsApi
{
    public const string PostSequence = "post";

    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("/api/posts").WithTags("Posts").RequireAuthorization();
        posts.MapPost("/", CreateAsync);
        posts.MapPut("/{id:long}", async (long id, PostDraft draft, HttpContext c, IGrainFactory g) =>
            ApiResults.Ok(await g.GetGrain<IPostGrain>(id).UpdateAsync(c.User.IdOrThrow(), draft)));
        posts.MapDelete("/{id:long}", async (long id, HttpContext c, IGrainFactory g) =>
        {
            await g.GetGrain<IPostGrain>(id).DeleteAsync(c.User.IdOrThrow());
            return ApiResults.Ok(true);
        });
        posts.MapPost("/{id:long}/like", async (long id, HttpContext c, IGrainFactory g) =>
        {
            await g.GetGrain<IPostGrain>(id).LikeAsync(c.User.IdOrThrow());
            return ApiResults.Ok(true);
        });
        posts.MapDelete("/{id:long}/like", async (long id, HttpContext c, IGrainFactory g) =>
        {
            await g.GetGrain<IPostGrain>(id).UnlikeAsync(c.User.IdOrThrow());
            return ApiResults.Ok(true);
        });
        return app;
    }

    private static async Task<IResult> CreateAsync(PostDraft draft, HttpContext context, IGrainFactory grains)
    {
        var id = await grains.GetGrain<IIdAllocatorGrain>(PostSequence).ReserveAsync(1);
        return ApiResults.Created(await grains.GetGrain<IPostGrain>(id).CreateAsync(context.User.IdOrThrow(), draft));
    }
}

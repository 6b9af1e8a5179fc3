using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>Writing comments and replies (/api/comments, /api/reply) and reading them (/api/timeline/comments/..., /api/timeline/members/{id}/comments).</summary>
public static class CommentsApi
{
    public const string CommentSequence = "comment";

    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        var comments = app.MapGroup("/api/comments").WithTags("Comments").RequireAuthorization();
        comments.MapPost("/", (CommentDraft draft, HttpContext c, IGrainFactory g) => CreateAsync(draft with { ParentId = null }, c, g));
        comments.MapPost("/replies", ReplyAsync);
        app.MapPost("/api/reply", ReplyAsync).WithTags("Comments").RequireAuthorization();
        comments.MapPut("/{id:long}", async (long id, CommentEdit edit, HttpContext c, IGrainFactory g) =>
            ApiResults.Ok(await (await ThreadOfAsync(g, id)).EditAsync(id, c.User.IdOrThrow(), edit.Content)));
        comments.MapDelete("/{id:long}", async (long id, HttpContext c, IGrainFactory g) =>
        {
            await (await ThreadOfAsync(g, id)).DeleteAsync(id, c.User.IdOrThrow());
            return ApiResults.Ok(true);
        });
        comments.MapPost("/{id:long}/like", async (long id, HttpContext c, IGrainFactory g) =>
        {
            await (await ThreadOfAsync(g, id)).LikeAsync(id, c.User.IdOrThrow());
            return ApiResults.Ok(true);
        });
        comments.MapDelete("/{id:long}/like", async (long id, HttpContext c, IGrainFactory g) =>
        {
            await (await ThreadOfAsync(g, id)).UnlikeAsync(id, c.User.IdOrThrow());
            return ApiResults.Ok(true);
        });

        // The original frontend reads comments under /api/timeline/comments and /api/timeline/members/{id}/comments;
        // the /api/timeline/posts/... forms this gateway served first stay as aliases.
        var reading = app.MapGroup("/api/timeline").WithTags("Comments").RequireAuthorization();
        reading.MapGet("/posts/{postId:long}/comments", async (long postId, HttpContext c, IGrainFactory g, int? page, int? size) =>
            ApiResults.Scroll(await g.GetGrain<ICommentThreadGrain>(postId).GetTopLevelAsync(c.User.IdOrThrow(), PagingParameters.ToRequestOrThrow(page, size))));
        foreach (var prefix in new[] { "", "/posts" })
        {
            reading.MapGet($"{prefix}/comments/{{id:long}}", OneAsync);
            reading.MapGet($"{prefix}/comments/{{id:long}}/replies", RepliesAsync);
            reading.MapGet($"{prefix}/comments", (HttpContext c, IGrainFactory g, int? page, int? size) => MemberCommentsAsync(g, c.User.IdOrThrow(), c.User.IdOrThrow(), page, size));
            reading.MapGet($"{prefix}/members/{{memberId:long}}/comments", (long memberId, HttpContext c, IGrainFactory g, int? page, int? size) =>
                MemberCommentsAsync(g, memberId, c.User.IdOrThrow(), page, size));
        }

        return app;
    }

    private static async Task<IResult> OneAsync(long id, HttpContext context, IGrainFactory grains) =>
        ApiResults.Ok(await (await ThreadOfAsync(grains, id)).GetOrThrowAsync(id, context.User.IdOrThrow()));

    private static async Task<IResult> RepliesAsync(long id, HttpContext context, IGrainFactory grains, int? page, int? size) =>
        ApiResults.Scroll(await (await ThreadOfAsync(grains, id)).GetRepliesAsync(id, context.User.IdOrThrow(), PagingParameters.ToRequestOrThrow(page, size)));

    private static Task<IResult> ReplyAsync(CommentDraft draft, HttpContext context, IGrainFactory grains) =>
        draft.ParentId is null
            ? throw new DomainException(ErrorCodes.InvalidRequest, "parentId is required for a reply.")
            : CreateAsync(draft, context, grains);

    private static async Task<IResult> CreateAsync(CommentDraft draft, HttpContext context, IGrainFactory grains)
    {
        var id = await grains.GetGrain<IIdAllocatorGrain>(CommentSequence).ReserveAsync(1);
        return ApiResults.Created(await grains.GetGrain<ICommentThreadGrain>(draft.PostId)
            .AddAsync(id, context.User.IdOrThrow(), draft.ParentId, draft.Content));
    }

    private static async Task<ICommentThreadGrain> ThreadOfAsync(IGrainFactory grains, long commentId) =>
        grains.GetGrain<ICommentThreadGrain>(await grains.GetGrain<ICommentGrain>(commentId).GetPostIdOrThrowAsync());

    /// <summary>A member's comments, newest first; comments deleted since (with their thread) are left out.</summary>
    private static async Task<IResult> MemberCommentsAsync(IGrainFactory grains, long memberId, long viewerId, int? page, int? size)
    {
        var refs = await grains.GetGrain<IMemberCommentsGrain>(memberId).GetPageAsync(PagingParameters.ToRequestOrThrow(page, size));
        var views = await Task.WhenAll(refs.Content.Select(async r =>
        {
            try
            {
                return await grains.GetGrain<ICommentThreadGrain>(r.PostId).GetOrThrowAsync(r.CommentId, viewerId);
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.CommentNotFound)
            {
                return null;
            }
        }));
        return ApiResults.Scroll(new Slice<CommentView>(views.OfType<CommentView>().ToList(), refs.Page, refs.Size, refs.HasNext));
    }
}

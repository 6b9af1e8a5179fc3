using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Abstractions.Search;
using Dailyfeed.Grains.Activities;
using Dailyfeed.Grains.Members;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Grains.Text;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Comments;

/// <summary>
/// A post's comment tree. Replies are limited to depth 2, a parent must belong to the same post, and deleting a
/// comment removes its whole subtree in one write. Calls only grains that never call back (post, locators, members).
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class CommentThreadGrain(
    [PersistentState("comment_thread")] IPersistentState<CommentThreadState> thread,
    IOptions<CommentOptions> options,
    ISearchIndex search,
    TimeProvider clock,
    ILogger<CommentThreadGrain> logger) : Grain, ICommentThreadGrain
{
    private long PostId => this.GetPrimaryKeyLong();

    public async Task<CommentView> AddAsync(long commentId, long authorId, long? parentId, string? content)
    {
        var text = ValidateOrThrow(content);
        await GrainFactory.GetGrain<IPostGrain>(PostId).GetStatisticsOrThrowAsync();
        var depth = 0;
        if (parentId is { } parent)
        {
            depth = (await ParentOrThrowAsync(parent)).Depth + 1;
            if (depth > options.Value.MaxDepth)
            {
                throw new DomainException(ErrorCodes.CommentDepthLimitExceeds, $"Replies may nest at most {options.Value.MaxDepth + 1} levels.");
            }
        }

        var author = await GrainFactory.GetGrain<IMemberGrain>(authorId).GetSummaryOrThrowAsync();
        var now = clock.GetUtcNow();
        var comment = new CommentThreadState.Comment
        {
            ParentId = parentId, Depth = depth, AuthorId = authorId, Content = text, CreatedAt = now, UpdatedAt = now,
        };
        thread.State.Comments[commentId] = comment;
        (parentId is { } p ? thread.State.Comments[p].Replies : thread.State.TopLevel).Add(commentId);
        this.EnqueueEvent(Activity(MemberActivityType.COMMENT_CREATE, authorId, commentId));
        await thread.WriteStateAsync();

        await GrainFactory.GetGrain<ICommentGrain>(commentId).BindAsync(PostId);
        await IndexAsync(commentId, comment);
        await GrainFactory.GetGrain<IMemberCommentsGrain>(authorId).AddAsync(new CommentRef(commentId, PostId, now));
        await GrainFactory.GetGrain<IPostGrain>(PostId).AdjustCommentCountAsync(1);
        return CommentMapper.ToView(commentId, PostId, comment, author, authorId);
    }

    public async Task<CommentView> EditAsync(long commentId, long memberId, string? content)
    {
        var comment = CommentOrThrow(commentId);
        if (comment.AuthorId != memberId)
        {
            throw new DomainException(ErrorCodes.CommentModificationPermissionDenied, "Only the author can edit this comment.");
        }

        comment.Content = ValidateOrThrow(content);
        comment.UpdatedAt = clock.GetUtcNow();
        this.EnqueueEvent(Activity(MemberActivityType.COMMENT_UPDATE, memberId, commentId));
        await thread.WriteStateAsync();
        await IndexAsync(commentId, comment);
        return await ViewAsync(commentId, comment, memberId);
    }

    public async Task<int> DeleteAsync(long commentId, long memberId)
    {
        var comment = CommentOrThrow(commentId);
        if (comment.AuthorId != memberId)
        {
            throw new DomainException(ErrorCodes.CommentDeletionPermissionDenied, "Only the author can delete this comment.");
        }

        var removed = Subtree(commentId).Select(id => (Id: id, thread.State.Comments[id].AuthorId)).ToList();
        foreach (var (id, _) in removed)
        {
            thread.State.Comments.Remove(id);
        }

        (comment.ParentId is { } parent ? thread.State.Comments[parent].Replies : thread.State.TopLevel).Remove(commentId);
        this.EnqueueEvent(Activity(MemberActivityType.COMMENT_DELETE, memberId, commentId));
        await thread.WriteStateAsync();
        await GrainFactory.GetGrain<IPostGrain>(PostId).AdjustCommentCountAsync(-removed.Count);
        // Every removed comment leaves its own author's list, replies by others included, so those pages stay full.
        foreach (var (id, authorId) in removed)
        {
            await GrainFactory.GetGrain<IMemberCommentsGrain>(authorId).RemoveAsync(id);
        }

        await search.DeleteAsync(SearchKind.Comment, removed.Select(r => r.Id).ToList(), CancellationToken.None);
        return removed.Count;
    }

    public async Task LikeAsync(long commentId, long memberId)
    {
        if (!CommentOrThrow(commentId).LikedBy.Add(memberId))
        {
            throw new DomainException(ErrorCodes.CommentLikeAlreadyExists, "You already like this comment.");
        }

        this.EnqueueEvent(Activity(MemberActivityType.LIKE_COMMENT, memberId, commentId));
        await thread.WriteStateAsync();
    }

    public async Task UnlikeAsync(long commentId, long memberId)
    {
        if (!CommentOrThrow(commentId).LikedBy.Remove(memberId))
        {
            throw new DomainException(ErrorCodes.CommentLikeCancelAlreadyCommitted, "You do not like this comment.");
        }

        this.EnqueueEvent(Activity(MemberActivityType.LIKE_COMMENT_CANCEL, memberId, commentId));
        await thread.WriteStateAsync();
    }

    public Task<CommentView> GetOrThrowAsync(long commentId, long viewerId) => ViewAsync(commentId, CommentOrThrow(commentId), viewerId);

    public Task<Slice<CommentView>> GetTopLevelAsync(long viewerId, PageRequest page) => PageAsync(thread.State.TopLevel, viewerId, page);

    public Task<Slice<CommentView>> GetRepliesAsync(long commentId, long viewerId, PageRequest page) =>
        PageAsync(CommentOrThrow(commentId).Replies, viewerId, page);

    private async Task IndexAsync(long commentId, CommentThreadState.Comment comment)
    {
        try
        {
            await search.UpsertAsync(SearchKind.Comment, commentId, comment.Content, comment.CreatedAt, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not index comment {CommentId} for search", commentId);
        }
    }

    private async Task<Slice<CommentView>> PageAsync(List<long> ids, long viewerId, PageRequest page)
    {
        var slice = Slices.Of(ids, page);
        var views = await Task.WhenAll(slice.Content.Select(id => ViewAsync(id, thread.State.Comments[id], viewerId)));
        return new Slice<CommentView>(views, slice.Page, slice.Size, slice.HasNext);
    }

    private async Task<CommentThreadState.Comment> ParentOrThrowAsync(long parentId)
    {
        if (thread.State.Comments.TryGetValue(parentId, out var parent))
        {
            return parent;
        }

        var owner = await GrainFactory.GetGrain<ICommentGrain>(parentId).FindPostIdAsync();
        throw owner is null
            ? new DomainException(ErrorCodes.CommentNotFound, $"Comment {parentId} does not exist.")
            : new DomainException(ErrorCodes.ParentCommentPostIdNotEquals, $"Comment {parentId} belongs to another post.");
    }

    private IEnumerable<long> Subtree(long commentId)
    {
        yield return commentId;
        foreach (var reply in thread.State.Comments[commentId].Replies.ToList())
        {
            foreach (var id in Subtree(reply))
            {
                yield return id;
            }
        }
    }

    private CommentThreadState.Comment CommentOrThrow(long commentId) =>
        thread.State.Comments.TryGetValue(commentId, out var comment)
            ? comment
            : throw new DomainException(ErrorCodes.CommentNotFound, $"Comment {commentId} does not exist.");

    private async Task<CommentView> ViewAsync(long commentId, CommentThreadState.Comment comment, long viewerId) =>
        CommentMapper.ToView(commentId, PostId, comment, await MemberSummaries.FindAsync(GrainFactory, comment.AuthorId), viewerId);

    private string ValidateOrThrow(string? content)
    {
        UserText.RefuseControlCharactersOrThrow("content", content);
        var text = content?.Trim();
        return string.IsNullOrEmpty(text) || text.Length > options.Value.MaxContentLength
            ? throw new DomainException(ErrorCodes.InvalidRequest, $"content must be 1-{options.Value.MaxContentLength} characters.")
            : text;
    }

    private StreamEvent Activity(MemberActivityType type, long memberId, long commentId)
    {
        var now = clock.GetUtcNow();
        return ActivityEventMapper.ToEvent(new MemberActivity(memberId, PostId, commentId, null, type, now, now));
    }
}

using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Abstractions.Comments;

/// <summary>
/// All comments and replies of one post, keyed by post id. One grain per thread makes depth checks and cascading
/// deletes single atomic turns; comment ids still address comments individually through <see cref="ICommentGrain"/>.
/// </summary>
[Alias("dailyfeed.comments.ICommentThreadGrain")]
public interface ICommentThreadGrain : IGrainWithIntegerKey
{
    Task<CommentView> AddAsync(long commentId, long authorId, long? parentId, string? content);

    Task<CommentView> EditAsync(long commentId, long memberId, string? content);

    /// <summary>Deletes the comment and every reply under it; returns how many were removed.</summary>
    Task<int> DeleteAsync(long commentId, long memberId);

    Task LikeAsync(long commentId, long memberId);

    Task UnlikeAsync(long commentId, long memberId);

    [ReadOnly]
    Task<CommentView> GetOrThrowAsync(long commentId, long viewerId);

    [ReadOnly]
    Task<Slice<CommentView>> GetTopLevelAsync(long viewerId, PageRequest page);

    [ReadOnly]
    Task<Slice<CommentView>> GetRepliesAsync(long commentId, long viewerId, PageRequest page);
}

/// <summary>Which post a comment id belongs to (written once, at creation). Keyed by comment id.</summary>
[Alias("dailyfeed.comments.ICommentGrain")]
public interface ICommentGrain : IGrainWithIntegerKey
{
    Task BindAsync(long postId);

    /// <summary>The post id, or COMMENT_NOT_FOUND.</summary>
    [ReadOnly]
    Task<long> GetPostIdOrThrowAsync();

    [ReadOnly]
    Task<long?> FindPostIdAsync();
}

/// <summary>A member's comments, newest first, keyed by member id.</summary>
[Alias("dailyfeed.comments.IMemberCommentsGrain")]
public interface IMemberCommentsGrain : IGrainWithIntegerKey
{
    Task AddAsync(CommentRef comment);

    Task RemoveAsync(long commentId);

    [ReadOnly]
    Task<Slice<CommentRef>> GetPageAsync(PageRequest page);
}

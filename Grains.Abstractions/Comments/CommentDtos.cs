namespace Dailyfeed.Grains.Abstractions.Comments;

/// <summary>A comment or reply as the API returns it (depth 0 = comment on the post, 1-2 = replies).</summary>
public sealed record CommentView(
    long Id,
    long PostId,
    long? ParentId,
    int Depth,
    string Content,
    long AuthorId,
    string? AuthorName,
    string? AuthorHandle,
    string? AuthorAvatarUrl,
    long LikeCount,
    bool Liked,
    int ReplyCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>POST /api/comments and /api/comments/replies input.</summary>
public sealed record CommentDraft(long PostId, long? ParentId, string? Content);

/// <summary>PUT /api/comments/{id} input.</summary>
public sealed record CommentEdit(string? Content);

/// <summary>Where a comment lives; kept per member for "my comments".</summary>
public sealed record CommentRef(long CommentId, long PostId, DateTimeOffset CreatedAt);

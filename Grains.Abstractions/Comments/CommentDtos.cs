namespace Dailyfeed.Grains.Abstractions.Comments;

/// <summary>A comment or reply as the API returns it (depth 0 = comment on the post, 1-2 = replies).</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.comments.CommentView")]
public sealed record CommentView(
    [Id(0)] long Id,
    [Id(1)] long PostId,
    [Id(2)] long? ParentId,
    [Id(3)] int Depth,
    [Id(4)] string Content,
    [Id(5)] long AuthorId,
    [Id(6)] string? AuthorName,
    [Id(7)] string? AuthorHandle,
    [Id(8)] string? AuthorAvatarUrl,
    [Id(9)] long LikeCount,
    [Id(10)] bool Liked,
    [Id(11)] int ReplyCount,
    [Id(12)] DateTimeOffset CreatedAt,
    [Id(13)] DateTimeOffset UpdatedAt);

/// <summary>POST /api/comments and /api/comments/replies input.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.comments.CommentDraft")]
public sealed record CommentDraft([Id(0)] long PostId, [Id(1)] long? ParentId, [Id(2)] string? Content);

/// <summary>PUT /api/comments/{id} input.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.comments.CommentEdit")]
public sealed record CommentEdit([Id(0)] string? Content);

/// <summary>Where a comment lives; kept per member for "my comments".</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.comments.CommentRef")]
public sealed record CommentRef([Id(0)] long CommentId, [Id(1)] long PostId, [Id(2)] DateTimeOffset CreatedAt);

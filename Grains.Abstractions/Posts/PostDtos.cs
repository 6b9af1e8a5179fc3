namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>A post as the API returns it; <see cref="Liked"/> is from the asking member's point of view.</summary>
public sealed record PostView(
    long Id,
    string? Title,
    string Content,
    long AuthorId,
    string? AuthorName,
    string? AuthorHandle,
    string? AuthorAvatarUrl,
    long ViewCount,
    long LikeCount,
    long CommentCount,
    bool Liked,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Post input: content up to 5,000 characters, optional title.</summary>
public sealed record PostDraft(string? Title, string? Content);

/// <summary>What feeds and author timelines keep of a post: enough to order and fetch it.</summary>
public sealed record PostRef(long PostId, long AuthorId, DateTimeOffset CreatedAt);

/// <summary>{commentCount, likeCount} of /api/timeline/statistics/posts/{id}.</summary>
public sealed record PostStatistics(long CommentCount, long LikeCount);

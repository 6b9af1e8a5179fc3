namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>A post as the API returns it; <see cref="Liked"/> is from the asking member's point of view.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.posts.PostView")]
public sealed record PostView(
    [Id(0)] long Id,
    [Id(1)] string? Title,
    [Id(2)] string Content,
    [Id(3)] long AuthorId,
    [Id(4)] string? AuthorName,
    [Id(5)] string? AuthorHandle,
    [Id(6)] string? AuthorAvatarUrl,
    [Id(7)] long ViewCount,
    [Id(8)] long LikeCount,
    [Id(9)] long CommentCount,
    [Id(10)] bool Liked,
    [Id(11)] DateTimeOffset CreatedAt,
    [Id(12)] DateTimeOffset UpdatedAt);

/// <summary>Post input: content up to 5,000 characters, optional title.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.posts.PostDraft")]
public sealed record PostDraft([Id(0)] string? Title, [Id(1)] string? Content);

/// <summary>What feeds and author timelines keep of a post: enough to order and fetch it.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.posts.PostRef")]
public sealed record PostRef([Id(0)] long PostId, [Id(1)] long AuthorId, [Id(2)] DateTimeOffset CreatedAt);

/// <summary>{commentCount, likeCount} of /api/timeline/statistics/posts/{id}.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.posts.PostStatistics")]
public sealed record PostStatistics([Id(0)] long CommentCount, [Id(1)] long LikeCount);

/// <summary>
/// A post as read-pool silos copy it to render views for any reader: its fields and who likes it (ascending, for a
/// binary search). <see cref="Visible"/> is false for a post that is missing or deleted, so its absence is kept too.
/// </summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.posts.PostSnapshot")]
public sealed record PostSnapshot(
    [Id(0)] long Id,
    [Id(1)] bool Visible,
    [Id(2)] string? Title,
    [Id(3)] string Content,
    [Id(4)] long AuthorId,
    [Id(5)] long ViewCount,
    [Id(6)] long CommentCount,
    [Id(7)] long[] LikedBy,
    [Id(8)] DateTimeOffset CreatedAt,
    [Id(9)] DateTimeOffset UpdatedAt);

/// <summary>Broadcast to read-pool silos after a post's state is written: their copy of it is stale.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.posts.PostChanged")]
public sealed record PostChanged([Id(0)] long PostId);

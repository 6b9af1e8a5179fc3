namespace Dailyfeed.Grains.Posts;

public sealed class PostState
{
    public bool Exists { get; set; }

    public bool Deleted { get; set; }

    /// <summary>Deleted, but not yet taken out of every list (author timeline, day, rankings, search, feeds).</summary>
    public bool RemovalPending { get; set; }

    /// <summary>Whether creation pushed the post to followers' feeds; null in state written before this was recorded.</summary>
    public bool? PushedToFeeds { get; set; }

    public long AuthorId { get; set; }

    public string? Title { get; set; }

    public string Content { get; set; } = string.Empty;

    public long ViewCount { get; set; }

    public HashSet<long> LikedBy { get; set; } = [];

    public long CommentCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

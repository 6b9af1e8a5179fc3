
namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>One post, keyed by post id: content, likes, views and the comment count.</summary>
[Alias("dailyfeed.posts.IPostGrain")]
public interface IPostGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the post and fans it out to the author's followers' feeds.</summary>
    Task<PostView> CreateAsync(long authorId, PostDraft draft);

    Task<PostView> UpdateAsync(long memberId, PostDraft draft);

    /// <summary>Soft delete by the author.</summary>
    Task DeleteAsync(long memberId);

    Task LikeAsync(long memberId);

    Task UnlikeAsync(long memberId);

    /// <summary>Returns the post and counts a view when the reader is not the author.</summary>
    Task<PostView> ReadAsync(long viewerId);

    /// <summary>The post for read-pool copies (lists render from them); not visible when missing or deleted.</summary>
    [ReadOnly]
    Task<PostSnapshot> GetSnapshotAsync();

    [ReadOnly]
    Task<PostStatistics> GetStatisticsOrThrowAsync();

    /// <summary>Called by the post's comment thread when comments are added or removed.</summary>
    Task AdjustCommentCountAsync(int delta);
}

using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Members;

namespace Dailyfeed.Grains.Posts;

public static class PostMapper
{
    /// <summary>The API view; author fields are null when the author is gone (deactivated).</summary>
    public static PostView ToView(long id, PostState s, MemberSummary? author, long viewerId) =>
        ToView(ToSnapshot(id, s), author, liked: s.LikedBy.Contains(viewerId));

    /// <summary>What read-pool silos copy; likers sorted for their binary search.</summary>
    public static PostSnapshot ToSnapshot(long id, PostState s)
    {
        var likedBy = s.LikedBy.ToArray();
        Array.Sort(likedBy);
        return new PostSnapshot(id, s.Exists && !s.Deleted, s.Title, s.Content, s.AuthorId, s.ViewCount, s.CommentCount, likedBy, s.CreatedAt, s.UpdatedAt);
    }

    /// <summary>The view of a post (or of a read-pool copy) as any viewer who does (or does not) like it sees it.</summary>
    public static PostView ToView(PostSnapshot s, MemberSummary? author, bool liked) => new(
        s.Id, s.Title, s.Content, s.AuthorId, MemberMapper.AuthorName(author), author?.MemberHandle, author?.AvatarUrl,
        s.ViewCount, s.LikedBy.Length, s.CommentCount, liked, s.CreatedAt, s.UpdatedAt);

    public static PostRef ToRef(long id, PostState s) => new(id, s.AuthorId, s.CreatedAt);
}

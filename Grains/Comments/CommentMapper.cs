using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Members;

namespace Dailyfeed.Grains.Comments;

public static class CommentMapper
{
    public static CommentView ToView(long id, long postId, CommentThreadState.Comment c, MemberSummary? author, long viewerId) => new(
        id, postId, c.ParentId, c.Depth, c.Content, c.AuthorId, MemberMapper.AuthorName(author), author?.MemberHandle, author?.AvatarUrl,
        c.LikedBy.Count, c.LikedBy.Contains(viewerId), c.Replies.Count, c.CreatedAt, c.UpdatedAt);
}

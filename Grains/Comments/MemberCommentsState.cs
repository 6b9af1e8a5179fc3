using Dailyfeed.Grains.Abstractions.Comments;

namespace Dailyfeed.Grains.Comments;

public sealed class MemberCommentsState
{
    public List<CommentRef> Comments { get; set; } = [];
}

namespace Dailyfeed.Grains.Comments;

public sealed class CommentLocatorState
{
    public long? PostId { get; set; }
}

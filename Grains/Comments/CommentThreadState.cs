namespace Dailyfeed.Grains.Comments;

public sealed class CommentThreadState
{
    public Dictionary<long, Comment> Comments { get; set; } = [];

    /// <summary>Depth-0 comment ids in posting order.</summary>
    public List<long> TopLevel { get; set; } = [];

    public sealed class Comment
    {
        public long? ParentId { get; set; }

        public int Depth { get; set; }

        public long AuthorId { get; set; }

        public string Content { get; set; } = string.Empty;

        public HashSet<long> LikedBy { get; set; } = [];

        /// <summary>Reply ids in posting order.</summary>
        public List<long> Replies { get; set; } = [];

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }
    }
}

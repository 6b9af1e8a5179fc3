namespace Dailyfeed.Grains.Comments;

/// <summary>Configuration section Dailyfeed:Comments.</summary>
public sealed class CommentOptions
{
    public const string Section = "Dailyfeed:Comments";

    public int MaxContentLength { get; set; } = 1000;

    /// <summary>Deepest reply level: 0 is a comment on the post, so 2 allows three levels as in the original.</summary>
    public int MaxDepth { get; set; } = 2;

    public int MaxCommentsPerMember { get; set; } = 10_000;
}

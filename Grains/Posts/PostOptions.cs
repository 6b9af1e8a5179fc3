namespace Dailyfeed.Grains.Posts;

/// <summary>Configuration section Dailyfeed:Posts.</summary>
public sealed class PostOptions
{
    public const string Section = "Dailyfeed:Posts";

    /// <summary>The original's content limit.</summary>
    public int MaxContentLength { get; set; } = 5000;

    public int MaxTitleLength { get; set; } = 200;
}

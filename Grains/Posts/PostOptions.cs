namespace Dailyfeed.Grains.Posts;

/// <summary>Configuration section Dailyfeed:Posts.</summary>
public sealed class PostOptions
{
    public const string Section = "Dailyfeed:Posts";

    /// <summary>The original's content limit.</summary>
    public int MaxContentLength { get; set; } = 5000;

    public int MaxTitleLength { get; set; } = 200;

    /// <summary>How soon a delete whose removal from lists failed part-way tries again.</summary>
    public TimeSpan RemovalRetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}

namespace Dailyfeed.Grains.Feeds;

/// <summary>Follow-feed settings (configuration section Dailyfeed:Feeds).</summary>
public sealed class FeedOptions
{
    public const string Section = "Dailyfeed:Feeds";

    /// <summary>Authors with at least this many followers are pulled at read time instead of pushed at write time.</summary>
    public int FanOutThreshold { get; set; } = 1000;

    /// <summary>Pushed entries one feed keeps, newest first.</summary>
    public int MaxEntries { get; set; } = 500;

    /// <summary>Pushes a feed takes into its head before folding them into the archive; each push rewrites only the head.</summary>
    public int HeadEntries { get; set; } = 50;

    /// <summary>Recent posts of a newly followed author copied into the feed.</summary>
    public int BackfillCount { get; set; } = 20;

    /// <summary>Feed pushes in flight at once for one new post.</summary>
    public int FanOutParallelism { get; set; } = 64;

    /// <summary>How long a feed reuses its list of followed celebrities before asking again.</summary>
    public TimeSpan CelebrityCacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Posts kept per author timeline.</summary>
    public int MaxAuthorPosts { get; set; } = 10_000;
}

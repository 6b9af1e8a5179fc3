namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>How many rendered post views the gateway keeps (configuration section Dailyfeed:RenderedPosts).</summary>
public sealed class RenderedPostsOptions
{
    public const string Section = "Dailyfeed:RenderedPosts";

    /// <summary>Entries kept, one per post and liked flag; 0 renders every view on every read.</summary>
    public int Capacity { get; set; } = 20_000;
}

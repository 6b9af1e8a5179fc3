namespace Dailyfeed.Gateway.Api.Fallbacks;

/// <summary>The last-good-page cache of feeds and rankings (configuration section Dailyfeed:Fallbacks).</summary>
public sealed class FallbackOptions
{
    public const string Section = "Dailyfeed:Fallbacks";

    /// <summary>Pages kept per gateway; the least recently stored go first.</summary>
    public int MaxPages { get; set; } = 20_000;

    /// <summary>Oldest page still worth showing during an outage.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A page stored more recently than this is not stored again: a hot feed read thousands of times a second would
    /// otherwise rewrite its cache entry on every read, and an outage page one second older is just as good.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}

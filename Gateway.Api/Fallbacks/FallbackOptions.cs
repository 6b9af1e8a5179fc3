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
    /// A page stored more recently than this is not stored again. Each stored page is a fresh object graph that
    /// outlives the young GC generation, so storing on every read (or every second for every reader) made each
    /// collection promote megabytes and pause for tens of milliseconds; a page kept during an outage may be this much
    /// older than the last good read, which its readers will not notice next to <see cref="MaxAge"/>.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}

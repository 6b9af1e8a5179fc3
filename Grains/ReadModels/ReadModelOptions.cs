namespace Dailyfeed.Grains.ReadModels;

/// <summary>Configuration section Dailyfeed:ReadModel: the read pool's per-silo copies of posts and authors.</summary>
public sealed class ReadModelOptions
{
    public const string Section = "Dailyfeed:ReadModel";

    /// <summary>
    /// The staleness bound when a change notice does not arrive (its silo was unreachable when the write was made): a
    /// copy older than this is read again from its grain before it is rendered.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Posts each silo keeps; past it, the least recently fetched tenth is dropped.</summary>
    public int PostCapacity { get; set; } = 100_000;

    /// <summary>Author summaries each silo keeps.</summary>
    public int AuthorCapacity { get; set; } = 50_000;
}

namespace Dailyfeed.Grains.Rankings;

/// <summary>Configuration section Dailyfeed:Rankings.</summary>
public sealed class RankingOptions
{
    public const string Section = "Dailyfeed:Rankings";

    /// <summary>Posts tracked at most; beyond it, posts outside every ranking's top are dropped, least recently active first.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Posts dropped at once when the capacity is exceeded (the sorts that choose them are paid per batch).</summary>
    public int EvictionBatch { get; set; } = 1_000;

    /// <summary>How deep each ranking can be paged.</summary>
    public int RankingDepth { get; set; } = 1_000;

    /// <summary>How often changed rankings are written; a crash loses at most this much, and later updates repair it.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(5);
}

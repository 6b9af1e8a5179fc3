namespace Dailyfeed.Grains.Activities;

/// <summary>Configuration section Dailyfeed:Activities.</summary>
public sealed class ActivityOptions
{
    public const string Section = "Dailyfeed:Activities";

    /// <summary>Activities kept per member, newest first.</summary>
    public int MaxEntriesPerMember { get; set; } = 1000;

    /// <summary>How often the dead-letter replay reminder runs (the original's batch: every 5 minutes).</summary>
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows one replay pass claims per dead-letter table.</summary>
    public int ReplayBatchSize { get; set; } = 500;
}

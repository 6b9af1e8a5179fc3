namespace Dailyfeed.Grains.Posts;

/// <summary>Configuration section Dailyfeed:PostQueries.</summary>
public sealed class PostQueryOptions
{
    public const string Section = "Dailyfeed:PostQueries";

    /// <summary>Longest date range one query may span.</summary>
    public int MaxDateRangeDays { get; set; } = 31;
}

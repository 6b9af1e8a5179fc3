namespace Dailyfeed.Search;

/// <summary>Configuration section Dailyfeed:Search.</summary>
public sealed class SearchOptions
{
    public const string Section = "Dailyfeed:Search";

    /// <summary>Shorter keywords are refused: they would match nearly everything.</summary>
    public int MinKeywordLength { get; set; } = 1;

    public int MaxKeywordLength { get; set; } = 100;
}

namespace Dailyfeed.Search;

/// <summary>A user keyword as a LIKE pattern: wildcards in the keyword are matched literally.</summary>
internal static class KeywordPattern
{
    public static string Contains(string keyword) =>
        "%" + keyword.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}

namespace Dailyfeed.Orleans.Pools.Placement;

/// <summary>
/// The silo metadata entry that names a silo's pools: key <c>pools</c>, value a comma-separated list such as
/// <c>read,write</c> (configuration <c>Orleans:Metadata:pools</c>, environment <c>Orleans__Metadata__pools</c>).
/// </summary>
internal static class SiloPoolsMetadata
{
    public const string Key = "pools";

    /// <summary>Splits a <c>pools</c> value into trimmed, lower-case, distinct names (empty entries dropped).</summary>
    public static IReadOnlyList<string> Parse(string? value) =>
        value is null ? [] : Normalize(value.Split(','));

    /// <summary>Trims, lower-cases and de-duplicates pool names, dropping empty ones, keeping first-seen order.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string?> pools) =>
        pools.Select(p => p?.Trim().ToLowerInvariant())
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => p!)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The metadata value published for <paramref name="pools"/> (already normalized).</summary>
    public static string Format(IEnumerable<string> pools) => string.Join(',', pools);

    /// <summary>
    /// Whether a published <c>pools</c> value lists <paramref name="pool"/>. Runs for every candidate silo of every
    /// placement, so it scans the value in place instead of splitting it.
    /// </summary>
    public static bool Lists(string value, string pool)
    {
        var remaining = value.AsSpan();
        foreach (var range in remaining.Split(','))
        {
            if (remaining[range].Trim().Equals(pool, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

namespace Dailyfeed.Orleans.Pools;

/// <summary>
/// The pools a silo can serve. A grain class names one with <see cref="GrainPoolAttribute"/>; a silo names the pools
/// it serves with <c>AddGrainPools</c> (silo metadata <c>pools</c>, e.g. <c>Orleans__Metadata__pools=read,write</c>).
/// </summary>
public static class GrainPools
{
    /// <summary>Silos that serve read-mostly grains (feeds, directories); scaled with read traffic.</summary>
    public const string Read = "read";

    /// <summary>Silos that serve grains which own and change state (posts, members); scaled with write traffic.</summary>
    public const string Write = "write";

    /// <summary>Every known pool: what the embedded default (one silo) serves.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Write];

    /// <summary>Whether <paramref name="pool"/> is a known pool name (names are compared without regard to case).</summary>
    public static bool IsKnown(string? pool) =>
        pool is not null && All.Contains(pool.Trim(), StringComparer.OrdinalIgnoreCase);
}

namespace Dailyfeed.Runtime.Placement;

/// <summary>
/// A hash that is the same in every process and every run (string.GetHashCode is randomized per process),
/// which is what lets every silo and client agree on placement without asking anyone.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static ulong Of(GrainId grainId) => Of(TypePrefix(grainId.Type), grainId.Key);

    /// <summary>The hash state after "type/": shared by every grain of the type, so a new reference hashes only its key.</summary>
    public static ulong TypePrefix(string grainType) => Append(Append(FnvOffset, grainType), "/");

    public static ulong Of(ulong typePrefix, string key) => Mix(Append(typePrefix, key));

    public static ulong Of(string value) => Mix(Append(FnvOffset, value));

    /// <summary>The 64-bit finalizer of MurmurHash3: spreads every input bit over the whole word.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53UL;
        value ^= value >> 33;
        return value;
    }

    private static ulong Append(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }
}

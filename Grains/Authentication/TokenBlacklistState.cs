using Dailyfeed.Grains.Abstractions.Authentication;

namespace Dailyfeed.Grains.Authentication;

public sealed class TokenBlacklistState
{
    /// <summary>Sequence of the newest entry; readers ask for entries after the sequence they saw last.</summary>
    public long Version { get; set; }

    public List<SequencedEntry> Entries { get; set; } = [];

    public sealed record SequencedEntry(long Sequence, BlacklistEntry Entry);
}

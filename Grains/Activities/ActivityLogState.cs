using Dailyfeed.Grains.Abstractions.Activities;

namespace Dailyfeed.Grains.Activities;

public sealed class ActivityLogState
{
    /// <summary>Newest first; one entry per message key.</summary>
    public List<Entry> Entries { get; set; } = [];

    public sealed record Entry(string MessageKey, MemberActivity Activity);
}

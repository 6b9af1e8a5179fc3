namespace Dailyfeed.Grains.Recommendations;

public sealed class NewMemberRegistryState
{
    /// <summary>Member ids, newest first.</summary>
    public List<long> Newest { get; set; } = [];
}

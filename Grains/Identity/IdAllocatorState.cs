namespace Dailyfeed.Grains.Identity;

public sealed class IdAllocatorState
{
    /// <summary>The next id to hand out; ids start at 1.</summary>
    public long Next { get; set; } = 1;
}

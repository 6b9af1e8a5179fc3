namespace Dailyfeed.Grains.Identity;

/// <summary>Id sequences (configuration section Dailyfeed:Identity).</summary>
public sealed class IdAllocatorOptions
{
    public const string Section = "Dailyfeed:Identity";

    /// <summary>Largest block one reservation may take.</summary>
    public int MaxReservation { get; set; } = 10_000;
}

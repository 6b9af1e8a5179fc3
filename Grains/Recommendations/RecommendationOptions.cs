namespace Dailyfeed.Grains.Recommendations;

/// <summary>Configuration section Dailyfeed:Recommendations.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Dailyfeed:Recommendations";

    /// <summary>How many of the latest signups are kept as newbie candidates.</summary>
    public int NewMembersKept { get; set; } = 500;

    /// <summary>Tries of a write to the new-member registry that met another activation's newer state.</summary>
    public int RegistryWriteAttempts { get; set; } = 3;
}

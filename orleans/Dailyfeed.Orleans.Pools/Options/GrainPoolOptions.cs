namespace Dailyfeed.Orleans.Pools;

/// <summary>
/// The pools this silo serves, as given to <c>AddGrainPools</c> and published in its silo metadata (<c>pools</c>).
/// No default: a silo must say what it serves (the embedded default passes <see cref="GrainPools.All"/>).
/// </summary>
public sealed class GrainPoolOptions
{
    /// <summary>Pool names, lower-case, each one of <see cref="GrainPools"/>; at least one.</summary>
    public IList<string> Pools { get; set; } = [];
}

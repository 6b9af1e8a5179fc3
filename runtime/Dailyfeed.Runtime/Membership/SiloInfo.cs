namespace Dailyfeed.Runtime.Membership;

/// <summary>A live silo as placement sees it.</summary>
internal sealed record SiloInfo(string SiloId, string Address, IReadOnlyList<string> Pools, SiloStatus Status, bool IsLocal)
{
    public ulong Hash { get; } = Placement.StableHash.Of(SiloId);
}

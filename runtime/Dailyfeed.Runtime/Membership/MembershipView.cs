namespace Dailyfeed.Runtime.Membership;

/// <summary>An immutable snapshot of the live silos, indexed by pool for placement.</summary>
internal sealed class MembershipView
{
    private static readonly SiloInfo[] None = [];
    private readonly Dictionary<string, SiloInfo[]> _activeByPool;

    public MembershipView(long version, IReadOnlyList<SiloInfo> silos)
    {
        Version = version;
        Silos = silos;
        _activeByPool = silos
            .Where(s => s.Status == SiloStatus.Active)
            .SelectMany(s => s.Pools.Select(p => (Pool: p, Silo: s)))
            .GroupBy(x => x.Pool, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Silo).OrderBy(s => s.SiloId, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    public static MembershipView Empty { get; } = new(0, []);

    public long Version { get; }

    public IReadOnlyList<SiloInfo> Silos { get; }

    public IReadOnlyList<SiloInfo> ActiveInPool(string pool) => _activeByPool.GetValueOrDefault(pool, None);

    /// <summary>Same silos with the same status: a view change that placement would not notice.</summary>
    public bool SameMembersAs(MembershipView other) =>
        Silos.Count == other.Silos.Count &&
        Silos.OrderBy(s => s.SiloId, StringComparer.Ordinal)
            .Zip(other.Silos.OrderBy(s => s.SiloId, StringComparer.Ordinal))
            .All(p => p.First.SiloId == p.Second.SiloId && p.First.Status == p.Second.Status && p.First.Address == p.Second.Address);
}

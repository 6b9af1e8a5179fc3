using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Pools.Placement;

/// <summary>
/// The placement filter behind <see cref="GrainPoolAttribute"/>: carries the grain class's pool through the grain
/// manifest (property <c>placement-filter.PoolFilterStrategy.pool</c>) to <see cref="PoolFilterDirector"/>.
/// </summary>
/// <remarks>
/// Registered transient: Orleans resolves one instance per grain type and initializes it from that type's properties.
/// </remarks>
public sealed class PoolFilterStrategy : PlacementFilterStrategy
{
    private const string PoolProperty = "pool";

    /// <summary>Used by Orleans, which then calls <see cref="PlacementFilterStrategy.Initialize"/>.</summary>
    public PoolFilterStrategy() : this(string.Empty, 0)
    {
    }

    public PoolFilterStrategy(string pool, int order) : base(order)
    {
        Pool = pool;
    }

    /// <summary>The pool whose silos may host the grain.</summary>
    public string Pool { get; private set; }

    public override void AdditionalInitialize(GrainProperties properties)
    {
        var pool = GetPlacementFilterGrainProperty(PoolProperty, properties);
        if (!GrainPools.IsKnown(pool))
        {
            throw new ArgumentException(
                $"Grain properties carry no known pool for {nameof(PoolFilterStrategy)} (found '{pool}').");
        }

        Pool = pool!;
    }

    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services,
        Type grainClass,
        GrainType grainType,
        IReadOnlyDictionary<string, string> existingProperties)
    {
        // Runs while the silo builds its grain manifest at start, so a misspelt pool stops the silo with this message
        // rather than leaving the grain unplaceable.
        if (!GrainPools.IsKnown(Pool))
        {
            throw new InvalidOperationException(
                $"Grain class {grainClass.FullName} declares unknown pool '{Pool}' in [{nameof(GrainPoolAttribute)}]; "
                + $"known pools: {string.Join(", ", GrainPools.All)}.");
        }

        yield return new KeyValuePair<string, string>(PoolProperty, Pool.Trim().ToLowerInvariant());
    }
}

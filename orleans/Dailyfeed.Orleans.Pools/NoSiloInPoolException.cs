using Orleans.Runtime;

namespace Dailyfeed.Orleans.Pools;

/// <summary>
/// No active silo serves the pool a grain class is declared to live in, so Orleans cannot place a new activation.
/// It is transient: it goes away when a silo of that pool joins (or, right after a silo joins, once the other silos
/// have fetched its metadata). A gateway answers it with 503 <c>SERVICE_UNAVAILABLE</c>.
/// </summary>
/// <remarks>
/// Thrown by the placement filter on the silo that places the grain (the gateway silo for a client call, the calling
/// grain's silo for a grain-to-grain call) and carried back to the caller as this type; the caller must reference
/// this assembly, which holds the exception's generated serializer. It derives from <see cref="OrleansException"/>, so code that already treats Orleans' own
/// "No active nodes are compatible with grain ..." <see cref="OrleansException"/> as unavailability still does.
/// </remarks>
[GenerateSerializer]
[Alias("dailyfeed.pools.NoSiloInPoolException")]
public sealed class NoSiloInPoolException : OrleansException
{
    public NoSiloInPoolException()
    {
        Pool = string.Empty;
        GrainType = string.Empty;
    }

    public NoSiloInPoolException(string pool, string grainType, int candidateSilos, int silosWithUnknownPools)
        : base(Describe(pool, grainType, candidateSilos, silosWithUnknownPools))
    {
        Pool = pool;
        GrainType = grainType;
    }

    /// <summary>The pool no active silo serves (one of <see cref="GrainPools"/>).</summary>
    [Id(0)]
    public string Pool { get; private set; }

    /// <summary>The Orleans grain type that could not be placed, e.g. <c>feed</c>.</summary>
    [Id(1)]
    public string GrainType { get; private set; }

    private static string Describe(string pool, string grainType, int candidateSilos, int silosWithUnknownPools) =>
        $"No active silo serves the '{pool}' pool that grain type '{grainType}' needs: {candidateSilos} active "
        + $"silo(s) can host the type, none lists '{pool}' in its 'pools' metadata"
        + (silosWithUnknownPools > 0
            ? $" ({silosWithUnknownPools} have not published their pools to this silo yet)."
            : ".");
}

using Dailyfeed.Orleans.Pools.Placement;
using Orleans.Placement;

namespace Dailyfeed.Orleans.Pools;

/// <summary>
/// Places every activation of the grain class on a silo that serves <paramref name="pool"/>
/// (see <see cref="GrainPools"/>). Put it on the grain <b>class</b>: Orleans reads placement from the class, and an
/// interface can have several implementations. A class without it keeps default placement (any silo).
/// </summary>
/// <remarks>
/// The filter narrows the silos the grain's placement strategy (by default resource-optimized) chooses from; it does
/// not replace that strategy. When no active silo serves the pool, the call fails with
/// <see cref="NoSiloInPoolException"/>.
/// </remarks>
/// <param name="pool">The pool, one of <see cref="GrainPools"/>.</param>
/// <param name="order">Position among several placement filters on one class; unique per class.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GrainPoolAttribute(string pool, int order = 0)
    : PlacementFilterAttribute(new PoolFilterStrategy(pool, order))
{
    /// <summary>The pool whose silos host the grain.</summary>
    public string Pool { get; } = pool;
}

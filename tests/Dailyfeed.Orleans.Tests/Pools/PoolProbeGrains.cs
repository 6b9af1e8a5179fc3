using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>The three kinds of probe grain: one per pool and one without a pool.</summary>
[GenerateSerializer]
public enum ProbeKind
{
    Read,
    Write,
    Unpooled,
}

/// <summary>A grain that says which silo it lives on, and asks other grains the same from where it lives.</summary>
public interface IProbeGrain : IGrainWithIntegerKey
{
    /// <summary>The silo hosting this activation.</summary>
    Task<SiloAddress> WhereAsync();

    /// <summary>
    /// Calls <see cref="WhereAsync"/> on the <paramref name="kind"/> grains with <paramref name="keys"/> from inside
    /// this grain, so their placement is decided on this grain's silo rather than on the client's gateway.
    /// </summary>
    Task<SiloAddress[]> WhereAreAsync(ProbeKind kind, long[] keys);
}

public interface IReadProbeGrain : IProbeGrain;

public interface IWriteProbeGrain : IProbeGrain;

public interface IUnpooledProbeGrain : IProbeGrain;

public abstract class ProbeGrain(ILocalSiloDetails silo) : Grain, IProbeGrain
{
    public Task<SiloAddress> WhereAsync() => Task.FromResult(silo.SiloAddress);

    public Task<SiloAddress[]> WhereAreAsync(ProbeKind kind, long[] keys) =>
        Task.WhenAll(keys.Select(key => Probes.Get(GrainFactory, kind, key).WhereAsync()));
}

[GrainPool(GrainPools.Read)]
public sealed class ReadProbeGrain(ILocalSiloDetails silo) : ProbeGrain(silo), IReadProbeGrain;

[GrainPool(GrainPools.Write)]
public sealed class WriteProbeGrain(ILocalSiloDetails silo) : ProbeGrain(silo), IWriteProbeGrain;

public sealed class UnpooledProbeGrain(ILocalSiloDetails silo) : ProbeGrain(silo), IUnpooledProbeGrain;

public static class Probes
{
    public static IProbeGrain Get(IGrainFactory grains, ProbeKind kind, long key) => kind switch
    {
        ProbeKind.Read => grains.GetGrain<IReadProbeGrain>(key),
        ProbeKind.Write => grains.GetGrain<IWriteProbeGrain>(key),
        ProbeKind.Unpooled => grains.GetGrain<IUnpooledProbeGrain>(key),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The pool a kind of probe must live in, or null for the unpooled probe.</summary>
    public static string? PoolOf(ProbeKind kind) => kind switch
    {
        ProbeKind.Read => GrainPools.Read,
        ProbeKind.Write => GrainPools.Write,
        _ => null,
    };
}

using System.Collections.Concurrent;
using System.Reflection;

namespace Dailyfeed.Runtime.Activation;

/// <summary>
/// The addressable identity behind a proxy: grain id, interface metadata and the placement hash, computed once. A
/// struct held inside its proxy: a timeline page makes a dozen references, and each was one more object.
/// </summary>
internal readonly struct GrainReference
{
    public GrainReference(GrainId grainId, GrainInterfaceMetadata metadata)
    {
        GrainId = grainId;
        Metadata = metadata;
        PlacementHash = Placement.StableHash.Of(metadata.PlacementHashPrefix, grainId.Key);
    }

    public GrainId GrainId { get; }

    public GrainInterfaceMetadata Metadata { get; }

    public ulong PlacementHash { get; }
}

/// <summary>
/// Implements a grain interface at run time (System.Reflection.DispatchProxy): every call becomes a routed grain call.
/// Public and unsealed only because DispatchProxy requires it.
/// </summary>
public class GrainReferenceProxy : DispatchProxy
{
    // DispatchProxy.Create binds the generated type's constructor by reflection on every call (a lock and a binder
    // per GetGrain, the largest runtime cost of a timeline read). One proxy per interface is made that way; every
    // reference after it is a shallow copy, which keeps the generated type's own fields and replaces ours.
    private static readonly ConcurrentDictionary<Type, GrainReferenceProxy> Prototypes = new();

    private GrainReference _reference;
    private IGrainCallInvoker _invoker = null!;

    internal static object Create(GrainReference reference, IGrainCallInvoker invoker)
    {
        var prototype = Prototypes.GetOrAdd(
            reference.Metadata.InterfaceType,
            static type => (GrainReferenceProxy)Create(type, typeof(GrainReferenceProxy)));
        var proxy = (GrainReferenceProxy)prototype.MemberwiseClone();
        proxy._reference = reference;
        proxy._invoker = invoker;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = _reference.Metadata.GetMethod(targetMethod!);
        return method.ProxyCall(_invoker, _reference, method, args ?? []);
    }

    public override string ToString() => _reference.GrainId.ToString();
}

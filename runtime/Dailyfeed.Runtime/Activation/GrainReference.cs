using System.Reflection;

namespace Dailyfeed.Runtime.Activation;

/// <summary>The addressable identity behind a proxy: grain id, interface metadata and the placement hash, computed once.</summary>
internal sealed class GrainReference
{
    public GrainReference(GrainId grainId, GrainInterfaceMetadata metadata)
    {
        GrainId = grainId;
        Metadata = metadata;
        PlacementHash = Placement.StableHash.Of(grainId);
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
    private GrainReference _reference = null!;
    private IGrainCallInvoker _invoker = null!;

    internal static object Create(GrainReference reference, IGrainCallInvoker invoker)
    {
        var proxy = (GrainReferenceProxy)Create(reference.Metadata.InterfaceType, typeof(GrainReferenceProxy));
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

using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dailyfeed.Runtime.Testing;

/// <summary>One silo of a <see cref="TestCluster"/>: a full host with its own container and loopback listener.</summary>
public sealed class TestSilo
{
    internal TestSilo(IHost host)
    {
        Host = host;
        Silo = host.Services.GetRequiredService<SiloHost>();
    }

    public IHost Host { get; }

    public SiloHost Silo { get; }

    public string SiloId => Silo.SiloId;

    public IReadOnlyList<string> Pools => Silo.Pools;

    public IServiceProvider Services => Host.Services;

    /// <summary>A grain factory living on this silo: its calls are placed like calls made by a grain here.</summary>
    public IGrainFactory GrainFactory => Host.Services.GetRequiredService<IGrainFactory>();

    public bool IsRunning => Silo.IsRunning;

    /// <summary>True when this silo holds an activation of the grain right now.</summary>
    public bool HasActivation<TGrain>(long key) where TGrain : IGrainWithIntegerKey
    {
        var metadata = GrainInterfaceMetadata.For(typeof(TGrain));
        return Host.Services.GetRequiredService<Catalog>().Contains(new GrainId(metadata.GrainType, key.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// A reference whose calls always activate the grain on THIS silo, ignoring placement. Two of these on two silos
    /// give one grain two live activations, the situation ETags exist for.
    /// </summary>
    public TGrain GetGrainActivatedHere<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        var metadata = GrainInterfaceMetadata.For(typeof(TGrain));
        var reference = new GrainReference(new GrainId(metadata.GrainType, key), metadata);
        return (TGrain)GrainReferenceProxy.Create(reference, new ForcedLocalInvoker(Host.Services.GetRequiredService<Catalog>()));
    }

    public override string ToString() => $"{SiloId}[{string.Join('+', Pools)}]";
}

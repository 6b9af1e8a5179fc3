using System.Globalization;
using Dailyfeed.Runtime.Activation;

namespace Dailyfeed.Runtime.Messaging;

/// <summary>Builds grain references: no I/O, no activation; the first call does that.</summary>
internal sealed class GrainFactory(GrainCallRouter router) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey =>
        Create<TGrain>(key ?? throw new ArgumentNullException(nameof(key)));

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => Create<TGrain>(key.ToString("D"));

    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey =>
        Create<TGrain>(key.ToString(CultureInfo.InvariantCulture));

    private TGrain Create<TGrain>(string key)
    {
        var metadata = GrainInterfaceMetadata.For(typeof(TGrain));
        return (TGrain)GrainReferenceProxy.Create(new GrainReference(new GrainId(metadata.GrainType, key), metadata), router);
    }
}

namespace Dailyfeed.Runtime;

/// <summary>Hands out grain references. A reference is cheap, needs no I/O and is valid anywhere in the cluster.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;

    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;

    TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey;
}

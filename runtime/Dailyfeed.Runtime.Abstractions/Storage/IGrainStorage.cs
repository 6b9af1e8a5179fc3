namespace Dailyfeed.Runtime.Storage;

/// <summary>A stored state record: the serialized payload and its version.</summary>
public sealed record StoredState(byte[] Payload, string Etag);

/// <summary>
/// A storage provider. Every write and clear is conditional on <paramref name="expectedEtag"/>
/// (null = "no record must exist"); a mismatch throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken);

    /// <returns>The new ETag.</returns>
    Task<string> WriteAsync(string stateName, GrainId grainId, byte[] payload, string? expectedEtag, CancellationToken cancellationToken);

    Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken);
}

using Dailyfeed.Errors;
namespace Dailyfeed.Orleans.Outbox.Storage;

/// <summary>A stored state record: the serialized payload and its version.</summary>
public sealed record StoredState(byte[] Payload, string Etag);

/// <summary>
/// A storage provider. Every write and clear is conditional on <paramref name="expectedEtag"/>
/// (null = "no record must exist"); a mismatch throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Writes the state and, in the same transaction, appends <paramref name="outbox"/> to the stream outbox.</summary>
    /// <returns>The new ETag.</returns>
    Task<string> WriteAsync(
        string stateName,
        GrainId grainId,
        byte[] payload,
        string? expectedEtag,
        IReadOnlyList<Streams.StreamEvent> outbox,
        CancellationToken cancellationToken);

    /// <summary>Appends events to the stream outbox on their own (no state change).</summary>
    Task AppendOutboxAsync(IReadOnlyList<Streams.StreamEvent> outbox, CancellationToken cancellationToken);

    Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken);
}

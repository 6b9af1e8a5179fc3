using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.ServiceDefaults.Resilience;

namespace Dailyfeed.Orleans.Outbox.Storage;

/// <summary>Grain storage behind the storage circuit breaker: a dead database makes calls fail fast with 503.</summary>
internal sealed class ResilientGrainStorage(IGrainStorage inner, DependencyPipeline pipeline) : IGrainStorage
{
    public DependencyPipeline Pipeline { get; } = pipeline;

    public Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(token => inner.ReadAsync(stateName, grainId, token), cancellationToken);

    public Task<string> WriteAsync(
        string stateName, GrainId grainId, byte[] payload, string? expectedEtag, IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(token => inner.WriteAsync(stateName, grainId, payload, expectedEtag, outbox, token), cancellationToken);

    public Task AppendOutboxAsync(IReadOnlyList<StreamEvent> outbox, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(token => inner.AppendOutboxAsync(outbox, token), cancellationToken);

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(token => inner.ClearAsync(stateName, grainId, expectedEtag, token), cancellationToken);
}

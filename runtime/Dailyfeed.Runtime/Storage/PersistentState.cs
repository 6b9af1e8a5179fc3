using Dailyfeed.Runtime.Serialization;
using Dailyfeed.Runtime.Streams;

namespace Dailyfeed.Runtime.Storage;

/// <summary>A grain's view of one stored record: the state object plus the ETag every write is conditioned on.</summary>
internal sealed class PersistentState<TState>(
    string stateName,
    GrainId grainId,
    IGrainStorage storage,
    GrainSerializer serializer,
    IPendingEvents pendingEvents) : IPersistentState<TState>, IPersistentStateLoader
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
        State = stored is null ? new TState() : (TState?)serializer.Deserialize(stored.Payload, typeof(TState)) ?? new TState();
        Etag = stored?.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = serializer.SerializeToUtf8Bytes(State, typeof(TState));

        // Events raised since the last write commit with this state, or not at all.
        var events = pendingEvents.TakePending();
        Etag = await storage.WriteAsync(stateName, grainId, payload, Etag, events, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(stateName, grainId, Etag, cancellationToken).ConfigureAwait(false);
        State = new TState();
        Etag = null;
    }
}

/// <summary>Lets the activation load every declared state before OnActivateAsync without knowing TState.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}

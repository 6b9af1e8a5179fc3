using Dailyfeed.Errors;
using Dailyfeed.Orleans.Outbox.Serialization;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.ServiceDefaults.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Orleans;
using global::Orleans.Runtime;
using StateStore = Dailyfeed.Orleans.Outbox.Storage.IGrainStorage;
using StateKey = Dailyfeed.Orleans.Outbox.GrainId;
using OrleansGrainId = global::Orleans.Runtime.GrainId;

namespace Dailyfeed.Orleans.Outbox.Storage;

/// <summary>
/// Orleans grain storage over the project's state stores (PostgreSQL, SQLite), which write the activation's pending
/// stream events to the outbox in the state's own transaction: Orleans' ADO.NET provider cannot, and the outbox is
/// what makes "an acknowledged write has its events" hold. Calls pass the storage circuit breaker, so a dead database
/// fails fast with 503. Keeps Orleans' ETag contract: a stale write throws <see cref="InconsistentStateException"/>.
/// </summary>
internal sealed class OutboxGrainStorage : global::Orleans.Storage.IGrainStorage
{
    private readonly StateStore _store;
    private readonly DependencyPipeline _pipeline;
    private readonly GrainSerializer _serializer;
    private readonly IGrainContextAccessor _contexts;
    private readonly ILogger<OutboxGrainStorage> _logger;

    private const string StorageDependency = "grain storage";

    public OutboxGrainStorage(
        StateStore store,
        GrainSerializer serializer,
        IGrainContextAccessor contexts,
        IOptions<ResilienceOptions> resilience,
        ILogger<OutboxGrainStorage> logger)
    {
        _store = store;
        _serializer = serializer;
        _contexts = contexts;
        _logger = logger;
        _pipeline = new DependencyPipeline(StorageDependency, resilience.Value.Storage, logger);
    }

    /// <summary>The storage circuit's state, for the circuit gauge.</summary>
    public Polly.CircuitBreaker.CircuitState Circuit => _pipeline.State;

    public async Task ReadStateAsync<T>(string stateName, OrleansGrainId grainId, IGrainState<T> grainState)
    {
        var stored = await ExecuteAsync(token => _store.ReadAsync(stateName, KeyOf(grainId), token)).ConfigureAwait(false);
        grainState.State = stored is null
            ? Activator.CreateInstance<T>()
            : (T?)_serializer.Deserialize(stored.Payload, typeof(T)) ?? Activator.CreateInstance<T>();
        grainState.ETag = stored?.Etag;
        grainState.RecordExists = stored is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, OrleansGrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.SerializeToUtf8Bytes(grainState.State, typeof(T));
        var events = TakePendingEvents();
        grainState.ETag = await ExecuteAsync(
            token => _store.WriteAsync(stateName, KeyOf(grainId), payload, grainState.ETag, events, token)).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, OrleansGrainId grainId, IGrainState<T> grainState)
    {
        await ExecuteAsync(token => _store.ClearAsync(stateName, KeyOf(grainId), grainState.ETag, token)).ConfigureAwait(false);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Stores events on their own (no state change).</summary>
    public Task AppendOutboxAsync(IReadOnlyList<StreamEvent> events) =>
        ExecuteAsync(token => _store.AppendOutboxAsync(events, token));

    private Task ExecuteAsync(Func<CancellationToken, Task> call) =>
        ExecuteAsync(async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        });

    /// <summary>
    /// Through the storage circuit, with the store's failures in the types Orleans' callers expect. An outage surfaces
    /// without the driver's exception inside: a state read fails during activation, where no grain call filter sees
    /// it, and Orleans cannot serialize Npgsql's or Polly's types.
    /// </summary>
    private async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> call)
    {
        try
        {
            return await _pipeline.ExecuteAsync(call, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DependencyUnavailableException outage) when (outage.InnerException is not null)
        {
            _logger.LogDebug(outage, "Grain storage call failed");
            throw new DependencyUnavailableException(outage.Dependency ?? StorageDependency);
        }
        catch (InconsistentStateException conflict)
        {
            // Orleans deactivates an activation whose own storage reports its type, so the next call re-reads.
            throw new global::Orleans.Storage.InconsistentStateException(conflict.Message, conflict);
        }
    }

    private IReadOnlyList<StreamEvent> TakePendingEvents() =>
        _contexts.GrainContext is { } context ? Streams.GrainStreamEventExtensions.PendingFor(context).TakeAll() : [];

    private static StateKey KeyOf(OrleansGrainId grainId) => new(grainId.Type.ToString()!, grainId.Key.ToString()!);
}

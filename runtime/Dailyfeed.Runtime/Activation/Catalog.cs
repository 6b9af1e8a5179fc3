using System.Collections.Concurrent;
using Dailyfeed.Runtime.Resilience;
using Dailyfeed.Runtime.Serialization;
using Dailyfeed.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Activation;

/// <summary>
/// The silo's directory of its own activations. A grain is activated on first call; placement, not a directory
/// lookup, decided that this silo is the one to host it.
/// </summary>
internal sealed class Catalog : ILocalGrainInvoker
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly GrainClassRegistry _classes;
    private readonly IServiceProvider _services;
    private readonly IGrainStorage? _storage;
    private readonly GrainSerializer _serializer;
    private volatile bool _acceptingActivations = true;

    public Catalog(
        GrainClassRegistry classes,
        IServiceProvider services,
        GrainSerializer serializer,
        IOptions<ActivationOptions> options,
        IOptions<ResilienceOptions> resilience,
        ILogger<Catalog> logger)
    {
        _classes = classes;
        _services = services;
        var storage = services.GetService<IGrainStorage>();
        _storage = storage is null
            ? null
            : new ResilientGrainStorage(storage, new DependencyPipeline("grain storage", resilience.Value.Storage, logger));
        _serializer = serializer;
        Options = options.Value;
        Logger = logger;
    }

    public ActivationOptions Options { get; }

    public ILogger Logger { get; }

    public int Count => _activations.Count;

    /// <summary>State of the storage breaker (closed when the silo has no storage).</summary>
    public Polly.CircuitBreaker.CircuitState StorageCircuit =>
        (_storage as ResilientGrainStorage)?.Pipeline.State ?? Polly.CircuitBreaker.CircuitState.Closed;

    public bool Contains(GrainId grainId) => _activations.ContainsKey(grainId);

    public IGrainFactory GrainFactory => _services.GetRequiredService<IGrainFactory>();

    public IReminderRegistry Reminders => _services.GetRequiredService<IReminderRegistry>();

    public Task<T> InvokeLocalAsync<T>(GrainId grainId, GrainMethod method, object?[] args)
    {
        var task = GetOrCreateOrThrow(grainId).InvokeAsync<T>(method, args);
        return task.IsCompletedSuccessfully ? task : RetryIfDeactivatedAsync(task, grainId, method, args);
    }

    public (Grain Grain, IPersistentStateLoader[] States) CreateGrain(GrainClass grainClass, GrainActivation activation) =>
        grainClass.Create(_services, activation.GrainId, _storage, _serializer, activation);

    /// <summary>Stores events outside a state write (e.g. for reads that emit events).</summary>
    public Task AppendOutboxAsync(IReadOnlyList<Streams.StreamEvent> events) =>
        (_storage ?? throw new InvalidOperationException("Publishing events needs a grain storage with an outbox."))
        .AppendOutboxAsync(events, CancellationToken.None);

    public void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));

    /// <summary>Deactivates activations that have been idle longer than the configured timeout.</summary>
    public async Task<int> CollectIdleAsync()
    {
        var cutoff = Environment.TickCount64 - (long)Options.IdleTimeout.TotalMilliseconds;
        var idle = _activations.Values.Where(a => a.IsIdle && a.LastUsedTicks < cutoff).ToList();
        await Task.WhenAll(idle.Select(a => a.DeactivateAsync(DeactivationReason.IdleTimeout))).ConfigureAwait(false);
        return idle.Count;
    }

    /// <summary>Deactivates every activation matching the predicate (placement moved them, or the silo is leaving).</summary>
    public Task DeactivateWhereAsync(Func<GrainActivation, bool> predicate, DeactivationReason reason) =>
        Task.WhenAll(_activations.Values.Where(predicate).Select(a => a.DeactivateAsync(reason)).ToList());

    /// <summary>Stops new activations: a silo that is shutting down refuses them so callers re-route.</summary>
    public void StopAcceptingActivations() => _acceptingActivations = false;

    /// <summary>Forgets every activation without running grain code (a simulated crash).</summary>
    public void AbandonAll()
    {
        _acceptingActivations = false;
        foreach (var activation in _activations.Values)
        {
            activation.Abandon();
        }

        _activations.Clear();
    }

    private GrainActivation GetOrCreateOrThrow(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        if (!_acceptingActivations)
        {
            throw new ActivationRefusedException(grainId);
        }

        var grainClass = _classes.GetOrThrow(grainId.Type);
        return _activations.GetOrAdd(
            grainId,
            static (id, state) => new GrainActivation(id, state.grainClass, Placement.StableHash.Of(id), state.catalog),
            (grainClass, catalog: this));
    }

    private async Task<T> RetryIfDeactivatedAsync<T>(Task<T> first, GrainId grainId, GrainMethod method, object?[] args)
    {
        try
        {
            return await first.ConfigureAwait(false);
        }
        catch (ActivationDeactivatedException)
        {
        }

        while (true)
        {
            try
            {
                return await GetOrCreateOrThrow(grainId).InvokeAsync<T>(method, args).ConfigureAwait(false);
            }
            catch (ActivationDeactivatedException)
            {
                // The activation we reached finished deactivating first; the next lookup creates a fresh one.
            }
        }
    }
}

using Dailyfeed.Runtime.Streams;
using Dailyfeed.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.Runtime.Activation;

/// <summary>
/// One in-memory instance of a grain on this silo. Every call, timer tick and lifecycle hook runs as a turn through
/// the <see cref="TurnGate"/>, so grain code never needs locks.
/// </summary>
internal sealed class GrainActivation : IGrainContext, IPendingEvents
{
    private const int StateCreated = 0;
    private const int StateValid = 1;
    private const int StateDeactivating = 2;
    private const int StateDeactivated = 3;

    private readonly Catalog _catalog;
    private readonly GrainClass _grainClass;
    private readonly TurnGate _gate = new();
    private readonly object _sync = new();
    private Task? _activation;
    private Grain? _grain;
    private List<GrainTimer>? _timers;
    private List<StreamEvent>? _pendingEvents;
    private int _state;
    private int _inFlight;
    private int _deactivationStarted;
    private bool _deactivateWhenIdle;

    public GrainActivation(GrainId grainId, GrainClass grainClass, ulong placementHash, Catalog catalog)
    {
        GrainId = grainId;
        _grainClass = grainClass;
        PlacementHash = placementHash;
        _catalog = catalog;
        LastUsedTicks = Environment.TickCount64;
    }

    public GrainId GrainId { get; }

    public ulong PlacementHash { get; }

    public string Pool => _grainClass.Metadata.Pool;

    public long LastUsedTicks { get; private set; }

    public bool IsIdle => Volatile.Read(ref _inFlight) == 0;

    public IGrainFactory GrainFactory => _catalog.GrainFactory;

    public IReminderRegistry Reminders => _catalog.Reminders;

    public Task<T> InvokeAsync<T>(GrainMethod method, object?[] args)
    {
        if (method.ResultType is null || _activation is not { IsCompletedSuccessfully: true })
        {
            return InvokeQueuedAsync<T>(method, args);
        }

        // The common case, an active grain whose turn starts and ends at once, allocates nothing of its own: the
        // grain's task is handed back as it is, with no async wrappers around it. Interleaving calls skip the gate.
        Interlocked.Increment(ref _inFlight);
        var gated = !method.IsAlwaysInterleave;
        var shared = method.IsReadOnly;
        if (gated)
        {
            var entered = _gate.EnterAsync(shared);
            if (!entered.IsCompletedSuccessfully)
            {
                return RunAfterGateAsync<T>(entered, method, args, shared);
            }
        }

        Task task;
        try
        {
            ThrowIfGone();
            task = method.Invoke(_grain!, args);
        }
        catch (Exception ex)
        {
            ExitTurn(gated, shared);
            EndCall();
            return Task.FromException<T>(ex);
        }

        if (!task.IsCompleted)
        {
            return AwaitTurnAsync<T>(task, gated, shared);
        }

        ExitTurn(gated, shared);
        MarkStaleIfInconsistent(task);
        EndCall();
        return (Task<T>)task;
    }

    /// <summary>Runs a timer callback as an exclusive turn; returns false when the activation is gone.</summary>
    public async Task<bool> RunTimerTurnAsync(Func<CancellationToken, Task> callback)
    {
        if (Volatile.Read(ref _state) != StateValid)
        {
            return false;
        }

        await _gate.EnterAsync(shared: false).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _state) != StateValid)
            {
                return false;
            }

            await callback(CancellationToken.None).ConfigureAwait(false);
            LastUsedTicks = Environment.TickCount64;
            return true;
        }
        finally
        {
            _gate.Exit(shared: false);
        }
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period, _catalog.Logger);
        lock (_sync)
        {
            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void DeactivateOnIdle() => _deactivateWhenIdle = true;

    public void EnqueueEvent(StreamEvent streamEvent) => (_pendingEvents ??= []).Add(streamEvent);

    public Task FlushEventsAsync()
    {
        var events = TakePending();
        return events.Count == 0 ? Task.CompletedTask : _catalog.AppendOutboxAsync(events);
    }

    public IReadOnlyList<StreamEvent> TakePending()
    {
        var events = _pendingEvents;
        _pendingEvents = null;
        return events ?? (IReadOnlyList<StreamEvent>)[];
    }

    /// <summary>Runs OnDeactivateAsync as the last turn, then leaves the catalog. Calls queued behind it retry elsewhere.</summary>
    public async Task DeactivateAsync(DeactivationReason reason)
    {
        if (Interlocked.Exchange(ref _deactivationStarted, 1) == 1)
        {
            return;
        }

        var activation = _activation;
        if (activation is not null)
        {
            try
            {
                await activation.ConfigureAwait(false);
            }
            catch
            {
                return; // a failed activation already removed itself
            }
        }

        await _gate.EnterAsync(shared: false).ConfigureAwait(false);
        try
        {
            if (Interlocked.CompareExchange(ref _state, StateDeactivating, StateValid) != StateValid)
            {
                return;
            }

            DisposeTimers();
            using var timeout = new CancellationTokenSource(_catalog.Options.LifecycleHookTimeout);
            try
            {
                await _grain!.OnDeactivateAsync(reason, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _catalog.Logger.LogWarning(ex, "OnDeactivateAsync of {GrainId} failed ({Reason})", GrainId, reason);
            }
        }
        finally
        {
            Volatile.Write(ref _state, StateDeactivated);
            _catalog.Remove(this);
            _gate.Exit(shared: false);
        }
    }

    /// <summary>Drops the activation without running any grain code: the abrupt end a silo crash would cause.</summary>
    public void Abandon()
    {
        Volatile.Write(ref _state, StateDeactivated);
        DisposeTimers();
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_sync)
        {
            _timers?.Remove(timer);
        }
    }

    private Task StartActivation()
    {
        lock (_sync)
        {
            return _activation ??= ActivateAsync();
        }
    }

    private async Task ActivateAsync()
    {
        await _gate.EnterAsync(shared: false).ConfigureAwait(false);
        try
        {
            var (grain, states) = _catalog.CreateGrain(_grainClass, this);
            grain.Attach(this);
            using var timeout = new CancellationTokenSource(_catalog.Options.LifecycleHookTimeout);
            foreach (var state in states)
            {
                await state.ReadStateAsync(timeout.Token).ConfigureAwait(false);
            }

            await grain.OnActivateAsync(timeout.Token).ConfigureAwait(false);
            _grain = grain;
            Volatile.Write(ref _state, StateValid);
        }
        catch
        {
            Volatile.Write(ref _state, StateDeactivated);
            _catalog.Remove(this);
            throw;
        }
        finally
        {
            _gate.Exit(shared: false);
        }
    }

    private async Task<T> RunAsync<T>(GrainMethod method, object?[] args)
    {
        var task = method.Invoke(_grain!, args);
        try
        {
            await task.ConfigureAwait(false);
        }
        finally
        {
            MarkStaleIfInconsistent(task);
        }

        return method.ResultType is null ? default! : ((Task<T>)task).Result;
    }

    private async Task<T> InvokeQueuedAsync<T>(GrainMethod method, object?[] args)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var activation = _activation ?? StartActivation();
            if (!activation.IsCompletedSuccessfully)
            {
                await activation.ConfigureAwait(false);
            }

            if (method.IsAlwaysInterleave)
            {
                ThrowIfGone();
                return await RunAsync<T>(method, args).ConfigureAwait(false);
            }

            var shared = method.IsReadOnly;
            await _gate.EnterAsync(shared).ConfigureAwait(false);
            return await RunInTurnAsync<T>(method, args, shared).ConfigureAwait(false);
        }
        finally
        {
            EndCall();
        }
    }

    private async Task<T> RunAfterGateAsync<T>(Task entered, GrainMethod method, object?[] args, bool shared)
    {
        try
        {
            await entered.ConfigureAwait(false);
            return await RunInTurnAsync<T>(method, args, shared).ConfigureAwait(false);
        }
        finally
        {
            EndCall();
        }
    }

    /// <summary>Runs the method in a turn already entered, and leaves the turn.</summary>
    private async Task<T> RunInTurnAsync<T>(GrainMethod method, object?[] args, bool shared)
    {
        try
        {
            ThrowIfGone();
            return await RunAsync<T>(method, args).ConfigureAwait(false);
        }
        finally
        {
            _gate.Exit(shared);
        }
    }

    private async Task<T> AwaitTurnAsync<T>(Task task, bool gated, bool shared)
    {
        try
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                ExitTurn(gated, shared);
                MarkStaleIfInconsistent(task);
            }

            return ((Task<T>)task).Result;
        }
        finally
        {
            EndCall();
        }
    }

    private void ExitTurn(bool gated, bool shared)
    {
        if (gated)
        {
            _gate.Exit(shared);
        }
    }

    // This activation's state is stale (another activation wrote first): drop it when idle so the next call reloads.
    private void MarkStaleIfInconsistent(Task task)
    {
        if (task.IsFaulted && task.Exception!.InnerException is InconsistentStateException)
        {
            _deactivateWhenIdle = true;
        }
    }

    private void EndCall()
    {
        LastUsedTicks = Environment.TickCount64;
        if (Interlocked.Decrement(ref _inFlight) == 0 && _deactivateWhenIdle)
        {
            _ = DeactivateAsync(DeactivationReason.Requested);
        }
    }

    private void ThrowIfGone()
    {
        if (Volatile.Read(ref _state) != StateValid)
        {
            throw new ActivationDeactivatedException();
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_sync)
        {
            timers = _timers?.ToArray() ?? [];
            _timers = null;
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}

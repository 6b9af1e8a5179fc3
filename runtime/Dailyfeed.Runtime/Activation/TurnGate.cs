namespace Dailyfeed.Runtime.Activation;

/// <summary>
/// Turn-based scheduling for one activation: exclusive turns run one at a time; shared (read-only) turns may run
/// together but never beside an exclusive one. Waiters are served in arrival order, so a stream of readers cannot
/// starve a writer.
/// </summary>
/// <remarks>
/// Hot grains (a popular post, its author) take thousands of turns a second from every core, so the uncontended
/// path is one compare-and-swap on <see cref="_state"/>, no lock and no allocation. The lock guards only the queue;
/// once anyone queues, <see cref="Queued"/> sends every enter and exit through the lock until the queue drains,
/// which is what makes a release and a wake-up atomic (no lost wake-ups).
/// </remarks>
internal sealed class TurnGate
{
    private const int Exclusive = 1 << 30;
    private const int Queued = 1 << 29;
    private const int SharedMask = Queued - 1;

    // Every activation has a gate and most never queue: the gate is its own lock (it is never exposed) and the queue
    // is made on first use, which keeps some 56 bytes off each idle activation.
    private Queue<Waiter>? _waiters;

    /// <summary>Shared holders in the low bits, plus the <see cref="Exclusive"/> and <see cref="Queued"/> flags.</summary>
    private int _state;

    public Task EnterAsync(bool shared)
    {
        if (TryEnterFast(shared))
        {
            return Task.CompletedTask;
        }

        lock (this)
        {
            while (true)
            {
                var state = Volatile.Read(ref _state);
                if ((state & Queued) == 0 && CanGrant(state, shared))
                {
                    if (Interlocked.CompareExchange(ref _state, Granted(state, shared), state) == state)
                    {
                        return Task.CompletedTask;
                    }

                    continue;
                }

                // Raising the flag on the very state that refused us: a holder leaving meanwhile fails this swap
                // and we look again, and every holder leaving afterwards sees the flag and takes the lock.
                if ((state & Queued) != 0 || Interlocked.CompareExchange(ref _state, state | Queued, state) == state)
                {
                    var waiter = new Waiter(shared);
                    (_waiters ??= new Queue<Waiter>()).Enqueue(waiter);
                    return waiter.Completion.Task;
                }
            }
        }
    }

    public void Exit(bool shared)
    {
        if (TryExitFast(shared))
        {
            return;
        }

        List<Waiter>? released = null;
        lock (this)
        {
            // Queued is set, so someone queued (the queue exists) and nobody changes the state outside this lock now.
            var waiters = _waiters!;
            var state = Released(Volatile.Read(ref _state), shared);
            while (waiters.Count > 0 && CanGrant(state, waiters.Peek().Shared))
            {
                var next = waiters.Dequeue();
                state = Granted(state, next.Shared);
                (released ??= []).Add(next);
            }

            Volatile.Write(ref _state, waiters.Count == 0 ? state & ~Queued : state);
        }

        if (released is null)
        {
            return;
        }

        foreach (var waiter in released)
        {
            waiter.Completion.TrySetResult();
        }
    }

    private bool TryEnterFast(bool shared)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if ((state & Queued) != 0 || !CanGrant(state, shared))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, Granted(state, shared), state) == state)
            {
                return true;
            }
        }
    }

    private bool TryExitFast(bool shared)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if ((state & Queued) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, Released(state, shared), state) == state)
            {
                return true;
            }
        }
    }

    private static bool CanGrant(int state, bool shared) =>
        (state & Exclusive) == 0 && (shared || (state & SharedMask) == 0);

    private static int Granted(int state, bool shared) => shared ? state + 1 : state | Exclusive;

    private static int Released(int state, bool shared) => shared ? state - 1 : state & ~Exclusive;

    private sealed class Waiter(bool shared)
    {
        public bool Shared { get; } = shared;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

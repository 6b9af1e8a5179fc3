namespace Dailyfeed.Runtime.Activation;

/// <summary>
/// Turn-based scheduling for one activation: exclusive turns run one at a time; shared (read-only) turns may run
/// together but never beside an exclusive one. Waiters are served in arrival order, so a stream of readers cannot
/// starve a writer. The uncontended path completes synchronously without allocating.
/// </summary>
internal sealed class TurnGate
{
    private readonly object _sync = new();
    private Queue<Waiter>? _waiters;
    private int _sharedHolders;
    private bool _exclusiveHeld;

    public Task EnterAsync(bool shared)
    {
        lock (_sync)
        {
            var queueEmpty = _waiters is null || _waiters.Count == 0;
            if (queueEmpty && !_exclusiveHeld && (shared || _sharedHolders == 0))
            {
                Grant(shared);
                return Task.CompletedTask;
            }

            var waiter = new Waiter(shared);
            (_waiters ??= new Queue<Waiter>()).Enqueue(waiter);
            return waiter.Completion.Task;
        }
    }

    public void Exit(bool shared)
    {
        List<Waiter>? released = null;
        lock (_sync)
        {
            if (shared)
            {
                _sharedHolders--;
            }
            else
            {
                _exclusiveHeld = false;
            }

            while (_waiters is { Count: > 0 } && !_exclusiveHeld)
            {
                var next = _waiters.Peek();
                if (!next.Shared && _sharedHolders > 0)
                {
                    break;
                }

                _waiters.Dequeue();
                Grant(next.Shared);
                (released ??= []).Add(next);
                if (!next.Shared)
                {
                    break;
                }
            }
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

    private void Grant(bool shared)
    {
        if (shared)
        {
            _sharedHolders++;
        }
        else
        {
            _exclusiveHeld = true;
        }
    }

    private sealed class Waiter(bool shared)
    {
        public bool Shared { get; } = shared;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

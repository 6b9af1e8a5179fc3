using System.Collections.Concurrent;

namespace Dailyfeed.Grains.ReadModels;

/// <summary>
/// A silo's copies of one kind of entity by id, shared by every grain of the silo (so thread-safe): read without a
/// lock, fetched once however many readers miss at once, dropped when a change notice arrives.
/// </summary>
/// <remarks>
/// A fetch that was under way when a notice arrived may have read the old state: its result answers the readers that
/// were waiting for it but is not kept, and readers after the notice start a fresh fetch. An expired copy is kept
/// until it is replaced, so that a read whose fetch fails (the owning silo is down) is answered from it rather than
/// failing; a copy a notice dropped is never served.
/// </remarks>
internal sealed class ReplicaTable<T>(int capacity, TimeSpan maxAge, TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, Slot> _slots = new();
    private int _evicting;

    public bool TryGetFresh(long id, long now, out T value)
    {
        if (_slots.TryGetValue(id, out var slot) && slot.Current is { } copy && clock.GetElapsedTime(copy.FetchedAt, now) < maxAge)
        {
            value = copy.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public Task<T> GetAsync(long id, Func<long, Task<T>> fetch)
    {
        var slot = _slots.GetOrAdd(id, static (_, clock) => new Slot { Touched = clock.GetTimestamp() }, clock);
        if (_slots.Count > capacity)
        {
            EvictOldest();
        }

        TaskCompletionSource<T> fetching;
        int version;
        lock (slot)
        {
            if (slot.Current is { } copy && clock.GetElapsedTime(copy.FetchedAt) < maxAge)
            {
                return Task.FromResult(copy.Value);
            }

            if (slot.Pending is { } pending)
            {
                return pending.Task;
            }

            fetching = slot.Pending = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            version = slot.Version;
            slot.Touched = clock.GetTimestamp();
        }

        return FetchAsync(id, slot, fetching, version, fetch);
    }

    public void Invalidate(long id)
    {
        if (_slots.TryGetValue(id, out var slot))
        {
            lock (slot)
            {
                slot.Version++;
                slot.Current = null;
                slot.Pending = null;
            }
        }
    }

    public int Count => _slots.Count;

    private async Task<T> FetchAsync(long id, Slot slot, TaskCompletionSource<T> fetching, int version, Func<long, Task<T>> fetch)
    {
        var startedAt = clock.GetTimestamp();
        try
        {
            var value = await fetch(id);
            lock (slot)
            {
                if (slot.Version == version)
                {
                    slot.Current = new Copy(value, startedAt);
                }

                if (slot.Pending == fetching)
                {
                    slot.Pending = null;
                }
            }

            fetching.SetResult(value);
        }
        catch (Exception ex)
        {
            Copy? stale;
            lock (slot)
            {
                stale = slot.Version == version ? slot.Current : null;
                if (slot.Pending == fetching)
                {
                    slot.Pending = null;
                }
            }

            if (stale is null)
            {
                fetching.SetException(ex);
            }
            else
            {
                fetching.SetResult(stale.Value);
            }
        }

        return await fetching.Task;
    }

    /// <summary>
    /// Drops the tenth of the entries fetched (or, without a copy, asked for) longest ago; one thread at a time, the
    /// others carry on.
    /// </summary>
    private void EvictOldest()
    {
        if (Interlocked.Exchange(ref _evicting, 1) == 1)
        {
            return;
        }

        try
        {
            var excess = _slots.Count - capacity + capacity / 10;
            foreach (var (id, _) in _slots.Select(s => (s.Key, Touched: s.Value.Current?.FetchedAt ?? s.Value.Touched)).OrderBy(s => s.Touched).Take(excess).ToList())
            {
                _slots.TryRemove(id, out _);
            }
        }
        finally
        {
            Volatile.Write(ref _evicting, 0);
        }
    }

    private sealed class Slot
    {
        public int Version;
        public volatile Copy? Current;
        public TaskCompletionSource<T>? Pending;
        public long Touched;
    }

    /// <param name="FetchedAt">When the fetch started (a <see cref="TimeProvider"/> timestamp): its age bounds the copy's staleness.</param>
    private sealed record Copy(T Value, long FetchedAt);
}

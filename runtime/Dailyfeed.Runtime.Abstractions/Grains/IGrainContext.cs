namespace Dailyfeed.Runtime;

/// <summary>What the runtime gives one activation: its identity, a factory for calling others, timers and reminders.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    IReminderRegistry Reminders { get; }

    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    void DeactivateOnIdle();

    /// <summary>
    /// Queues an event to be written to the outbox atomically with this grain's next state write (or by
    /// <see cref="FlushEventsAsync"/>); a relay publishes it to the stream afterwards.
    /// </summary>
    void EnqueueEvent(Streams.StreamEvent streamEvent);

    /// <summary>Writes queued events to the outbox without a state change (for events of reads, such as logins).</summary>
    Task FlushEventsAsync();
}

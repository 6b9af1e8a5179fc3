using Dailyfeed.Orleans.Outbox.Storage;
using Microsoft.Extensions.DependencyInjection;
using global::Orleans;
using global::Orleans.Runtime;

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>How a grain raises stream events that are never lost: they commit with its next state write.</summary>
public static class GrainStreamEventExtensions
{
    /// <summary>
    /// Queues an event. The grain's next <c>WriteStateAsync</c> stores it in the outbox in the same transaction as the
    /// state, so an acknowledged change always has its event; a failed write drops it with the change.
    /// </summary>
    public static void EnqueueEvent(this IGrainBase grain, StreamEvent streamEvent) =>
        PendingFor(grain.GrainContext).Add(streamEvent);

    /// <summary>Stores queued events without a state change (events about something this grain does not own).</summary>
    public static Task FlushEventsAsync(this IGrainBase grain)
    {
        var events = PendingFor(grain.GrainContext).TakeAll();
        return events.Count == 0
            ? Task.CompletedTask
            : grain.GrainContext.ActivationServices.GetRequiredService<OutboxGrainStorage>().AppendOutboxAsync(events);
    }

    internal static PendingStreamEvents PendingFor(IGrainContext context)
    {
        var pending = context.GetComponent<PendingStreamEvents>();
        if (pending is null)
        {
            pending = new PendingStreamEvents();
            context.SetComponent(pending);
        }

        return pending;
    }
}

using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// An activation's events waiting for its next state write. Kept as a component of the activation's Orleans grain
/// context, so the grain storage (which only sees the state) can commit them in the same transaction.
/// </summary>
public sealed class PendingStreamEvents
{
    private List<StreamEvent>? _events;

    public void Add(StreamEvent streamEvent) => (_events ??= []).Add(streamEvent);

    /// <summary>Takes every pending event; the list is empty afterwards.</summary>
    public IReadOnlyList<StreamEvent> TakeAll()
    {
        var taken = _events ?? (IReadOnlyList<StreamEvent>)[];
        _events = null;
        return taken;
    }
}

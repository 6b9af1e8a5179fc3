using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Abstractions.Activities;

/// <summary>
/// A member's activity log, keyed by member id: a read-side projection fed by the member-activity stream, upserted by
/// the event's message key so a redelivered event is stored once.
/// </summary>
[Alias("dailyfeed.activities.IActivityGrain")]
public interface IActivityGrain : IGrainWithIntegerKey
{
    /// <summary>Receives one event of the member-activity stream (redeliveries are stored once).</summary>
    Task OnNextAsync(StreamEvent streamEvent);

    [ReadOnly]
    Task<Slice<MemberActivity>> GetPageAsync(PageRequest page);
}

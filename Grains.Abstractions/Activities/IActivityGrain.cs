using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Runtime;
using Dailyfeed.Runtime.Streams;

namespace Dailyfeed.Grains.Abstractions.Activities;

/// <summary>
/// A member's activity log, keyed by member id: a read-side projection fed by the member-activity stream, upserted by
/// the event's message key so a redelivered event is stored once.
/// </summary>
[Alias("dailyfeed.activities.IActivityGrain")]
[GrainPool(GrainPools.Read)]
[ImplicitStreamSubscription(ActivityStreams.MemberActivity)]
public interface IActivityGrain : IGrainWithIntegerKey, IStreamSubscriber
{
    [ReadOnly]
    Task<Slice<MemberActivity>> GetPageAsync(PageRequest page);
}

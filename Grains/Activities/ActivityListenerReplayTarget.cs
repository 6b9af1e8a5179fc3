using System.Globalization;
using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Activities;

/// <summary>Replays a member-activity listener dead letter as a plain call to the member's activity grain (the stream key is the member id).</summary>
internal sealed class ActivityListenerReplayTarget(IGrainFactory grains) : IListenerReplayTarget
{
    public string Stream => ActivityStreams.MemberActivity;

    public Task ReplayAsync(StreamEvent streamEvent) =>
        grains.GetGrain<IActivityGrain>(long.Parse(streamEvent.Key, CultureInfo.InvariantCulture)).OnNextAsync(streamEvent);
}

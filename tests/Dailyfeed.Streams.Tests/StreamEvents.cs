using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Activities;
using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Streams.Tests;

/// <summary>Activity events built the way the domain builds them.</summary>
public static class StreamEvents
{
    public static StreamEvent PostRead(long memberId, long postId) =>
        ActivityEventMapper.ToEvent(new MemberActivity(memberId, postId, null, null, MemberActivityType.POST_READ, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
}

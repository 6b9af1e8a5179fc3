using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Activities;
using Dailyfeed.Runtime.Streams;

namespace Dailyfeed.Streams.Tests;

/// <summary>Activity events built the way the domain builds them, plus a poison one.</summary>
public static class StreamEvents
{
    public static StreamEvent PostRead(long memberId, long postId) =>
        ActivityEventMapper.ToEvent(new MemberActivity(memberId, postId, null, null, MemberActivityType.POST_READ, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));

    /// <summary>An event its subscriber can never handle: the payload is not an activity.</summary>
    public static StreamEvent Poison(long memberId) => PostRead(memberId, 1) with
    {
        MessageKey = $"poison-{Guid.NewGuid():N}",
        Payload = "{ this is not an activity",
    };
}

using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Orleans.Outbox.Tests;

public static class SampleEvents
{
    /// <summary>An activity event with a chosen message key, the way the dead-letter tables index it.</summary>
    public static StreamEvent Activity(string messageKey) =>
        new(Guid.NewGuid(), "member-activity", "7", messageKey, "POST_READ", "ACTIVITY", """{"postId":41}""", null, DateTimeOffset.UnixEpoch);
}

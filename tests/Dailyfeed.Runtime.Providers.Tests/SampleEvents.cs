using Dailyfeed.Runtime.Streams;

namespace Dailyfeed.Runtime.Providers.Tests;

public static class SampleEvents
{
    /// <summary>An activity event with a chosen message key, the way the dead-letter tables index it.</summary>
    public static StreamEvent Activity(string messageKey) =>
        new(Guid.NewGuid(), "member-activity", "7", messageKey, "POST_READ", "ACTIVITY", """{"postId":41}""", null, DateTimeOffset.UnixEpoch);
}

using Dailyfeed.Orleans.Outbox.Streams;
namespace Dailyfeed.Grains.Abstractions.Activities;

/// <summary>
/// An activity as the original's event value: who did what to which post or comment. <see cref="TargetMemberId"/> is
/// Dailyfeed's addition for follow events (the original had no member events to carry it).
/// </summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.activities.MemberActivity")]
public sealed record MemberActivity(
    [Id(0)] long MemberId,
    [Id(1)] long? PostId,
    [Id(2)] long? CommentId,
    [Id(3)] long? TargetMemberId,
    [Id(4)] MemberActivityType MemberActivityType,
    [Id(5)] DateTimeOffset CreatedAt,
    [Id(6)] DateTimeOffset UpdatedAt);

/// <summary>Names of the activity stream and its dead-letter categories.</summary>
public static class ActivityStreams
{
    /// <summary>The stream namespace; a member's stream is keyed by the member id, the key of its <c>IActivityGrain</c>.</summary>
    public const string MemberActivity = "member-activity";

    /// <summary>The Orleans stream provider the member-activity stream is published on.</summary>
    public const string ProviderName = DailyfeedStreams.ProviderName;
}

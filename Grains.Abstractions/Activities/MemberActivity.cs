namespace Dailyfeed.Grains.Abstractions.Activities;

/// <summary>
/// An activity as the original's event value: who did what to which post or comment. <see cref="TargetMemberId"/> is
/// Dailyfeed's addition for follow events (the original had no member events to carry it).
/// </summary>
public sealed record MemberActivity(
    long MemberId,
    long? PostId,
    long? CommentId,
    long? TargetMemberId,
    MemberActivityType MemberActivityType,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Names of the activity stream and its dead-letter categories.</summary>
public static class ActivityStreams
{
    public const string MemberActivity = "member-activity";
}

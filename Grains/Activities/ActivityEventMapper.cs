using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Activities;

/// <summary>
/// Builds activity stream events with the original's dedup key:
/// member_activity:kafka_event:{TYPE}###{postId|commentId}###{memberId}, plus ###{timestamp} for events that may
/// legitimately repeat (updates, deletes, reads, logins, logouts, follows).
/// </summary>
public static class ActivityEventMapper
{
    private const string KeyPrefix = "member_activity:kafka_event:";
    private const string Separator = "###";
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.ffffff";

    private static readonly HashSet<MemberActivityType> Repeatable =
    [
        MemberActivityType.POST_UPDATE, MemberActivityType.POST_DELETE, MemberActivityType.POST_READ,
        MemberActivityType.COMMENT_UPDATE, MemberActivityType.COMMENT_DELETE, MemberActivityType.COMMENT_READ,
        MemberActivityType.MEMBER_LOGIN, MemberActivityType.MEMBER_LOGOUT,
        MemberActivityType.MEMBER_FOLLOW, MemberActivityType.MEMBER_UNFOLLOW,
    ];

    public static StreamEvent ToEvent(MemberActivity activity)
    {
        var subject = activity.PostId ?? activity.CommentId ?? activity.TargetMemberId ?? activity.MemberId;
        var key = string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{activity.MemberActivityType}{Separator}{subject}{Separator}{activity.MemberId}");
        if (Repeatable.Contains(activity.MemberActivityType))
        {
            key += Separator + activity.CreatedAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
        }

        return new StreamEvent(
            Guid.NewGuid(),
            ActivityStreams.MemberActivity,
            activity.MemberId.ToString(CultureInfo.InvariantCulture),
            key,
            activity.MemberActivityType.ToString(),
            CategoryOf(activity.MemberActivityType),
            JsonSerializer.Serialize(activity, JsonSerializerOptions.Web),
            Activity.Current?.Id,
            activity.CreatedAt);
    }

    public static StreamEvent Member(MemberActivityType type, long memberId, DateTimeOffset now, long? targetMemberId = null) =>
        ToEvent(new MemberActivity(memberId, null, null, targetMemberId, type, now, now));

    public static MemberActivity ToActivityOrThrow(StreamEvent streamEvent) =>
        JsonSerializer.Deserialize<MemberActivity>(streamEvent.Payload, JsonSerializerOptions.Web)
        ?? throw new JsonException($"Event {streamEvent.MessageKey} has an empty payload.");

    /// <summary>The original's dead-letter categories.</summary>
    public static string CategoryOf(MemberActivityType type) => type switch
    {
        MemberActivityType.LIKE_POST or MemberActivityType.LIKE_POST_CANCEL => "POST_LIKE",
        MemberActivityType.LIKE_COMMENT or MemberActivityType.LIKE_COMMENT_CANCEL => "COMMENT_LIKE",
        MemberActivityType.COMMENT_CREATE or MemberActivityType.COMMENT_UPDATE or MemberActivityType.COMMENT_DELETE or MemberActivityType.COMMENT_READ => "COMMENT",
        MemberActivityType.POST_CREATE or MemberActivityType.POST_UPDATE or MemberActivityType.POST_DELETE or MemberActivityType.POST_READ => "POST",
        _ => "MEMBER",
    };
}

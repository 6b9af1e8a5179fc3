using System.Text.Json.Serialization;

namespace Dailyfeed.Grains.Abstractions.Activities;

/// <summary>Every activity the original defined; the last five it never published, Dailyfeed does. Names on the wire.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberActivityType>))]
[GenerateSerializer, Alias("dailyfeed.activities.MemberActivityType")]
public enum MemberActivityType
{
    POST_CREATE,
    POST_UPDATE,
    POST_DELETE,
    POST_READ,
    LIKE_POST,
    LIKE_POST_CANCEL,
    LIKE_COMMENT,
    LIKE_COMMENT_CANCEL,
    COMMENT_CREATE,
    COMMENT_UPDATE,
    COMMENT_DELETE,
    COMMENT_READ,
    MEMBER_FOLLOW,
    MEMBER_UNFOLLOW,
    MEMBER_SIGNUP,
    MEMBER_LOGIN,
    MEMBER_LOGOUT,
}

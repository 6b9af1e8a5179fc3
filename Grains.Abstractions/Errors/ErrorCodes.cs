namespace Dailyfeed.Grains.Abstractions.Errors;

/// <summary>Machine-readable error codes of the API envelope, named as in the original system.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string InternalError = "INTERNAL_ERROR";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string NotFound = "NOT_FOUND";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    public const string MemberAlreadyExists = "MEMBER_ALREADY_EXISTS";
    public const string MemberHandleAlreadyExists = "MEMBER_HANDLE_ALREADY_EXISTS";
    public const string MemberIdsLimitExceeds = "MEMBER_IDS_LIMIT_EXCEEDS";
    public const string MemberUnauthorized = "MEMBER_UNAUTHORIZED";
    public const string MemberForbidden = "MEMBER_FORBIDDEN";
    public const string MemberPasswordInvalid = "MEMBER_PASSWORD_INVALID";
    public const string MemberNotFound = "MEMBER_NOT_FOUND";
    public const string MemberApiConnectionError = "MEMBER_API_CONNECTION_ERROR";

    public const string FollowRelationshipAlreadyExists = "FOLLOW_RELATIONSHIP_ALREADY_EXISTS";
    public const string FollowRelationshipNotFound = "FOLLOW_RELATIONSHIP_NOT_FOUND";
    public const string FollowLimitExceeds = "FOLLOW_LIMIT_EXCEEDS";
    public const string FollowSelfNotAllowed = "FOLLOW_SELF_NOT_ALLOWED";

    public const string PostNotFound = "POST_NOT_FOUND";
    public const string PostUpdateForbidden = "POST_UPDATE_FORBIDDEN";
    public const string PostDeleteForbidden = "POST_DELETE_FORBIDDEN";
    public const string PostLikeAlreadyExists = "POST_LIKE_ALREADY_EXISTS";
    public const string PostLikeCancelAlreadyCommitted = "POST_LIKE_CANCEL_ALREADY_COMMITTED";
    public const string PostAlreadyDeleted = "POST_ALREADY_DELETED";

    public const string CommentNotFound = "COMMENT_NOT_FOUND";
    public const string CommentDepthLimitExceeds = "COMMENT_DEPTH_LIMIT_EXCEEDS";
    public const string ParentCommentPostIdNotEquals = "PARENT_COMMENT_POST_ID_NOT_EQUALS";
    public const string CommentModificationPermissionDenied = "COMMENT_MODIFICATION_PERMISSION_DENIED";
    public const string CommentDeletionPermissionDenied = "COMMENT_DELETION_PERMISSION_DENIED";
    public const string CommentLikeAlreadyExists = "COMMENT_LIKE_ALREADY_EXISTS";
    public const string CommentLikeCancelAlreadyCommitted = "COMMENT_LIKE_CANCEL_ALREADY_COMMITTED";

    public const string InvalidToken = "INVALID_TOKEN";
    public const string JwtExpired = "JWT_EXPIRED";
    public const string BearerTokenMissing = "BEARER_TOKEN_MISSING";
    public const string TokenRefreshNeeded = "TOKEN_REFRESH_NEEDED";
    public const string JwtKeyExpired = "JWT_KEY_EXPIRED";
    public const string RefreshTokenInvalid = "REFRESH_TOKEN_INVALID";

    public const string InvalidImageSignature = "INVALID_IMAGE_SIGNATURE";
    public const string EmptyImageFile = "EMPTY_IMAGE_FILE";
    public const string ImageTooLarge = "IMAGE_TOO_LARGE";
    public const string ImageNotFound = "IMAGE_NOT_FOUND";

    public const string TooManyRequest = "TOO_MANY_REQUEST";
}

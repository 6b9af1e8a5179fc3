namespace Dailyfeed.Grains.Abstractions.Errors;

/// <summary>
/// The HTTP status each code answers with. The original forced 400 on every member/follow error; here each code
/// keeps its own status.
/// </summary>
public static class ErrorCatalog
{
    public static IReadOnlyDictionary<string, int> HttpStatus { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [ErrorCodes.InvalidRequest] = 400,
        [ErrorCodes.InternalError] = 500,
        [ErrorCodes.ServiceUnavailable] = 503,
        [ErrorCodes.NotFound] = 404,
        [ErrorCodes.UnsupportedMediaType] = 415,
        [ErrorCodes.MemberAlreadyExists] = 400,
        [ErrorCodes.MemberHandleAlreadyExists] = 400,
        [ErrorCodes.MemberIdsLimitExceeds] = 400,
        [ErrorCodes.MemberUnauthorized] = 401,
        [ErrorCodes.MemberForbidden] = 403,
        [ErrorCodes.MemberPasswordInvalid] = 403,
        [ErrorCodes.MemberNotFound] = 404,
        [ErrorCodes.MemberApiConnectionError] = 503,
        [ErrorCodes.FollowRelationshipAlreadyExists] = 409,
        [ErrorCodes.FollowRelationshipNotFound] = 404,
        [ErrorCodes.FollowLimitExceeds] = 400,
        [ErrorCodes.FollowSelfNotAllowed] = 400,
        [ErrorCodes.PostNotFound] = 404,
        [ErrorCodes.PostUpdateForbidden] = 403,
        [ErrorCodes.PostDeleteForbidden] = 403,
        [ErrorCodes.PostLikeAlreadyExists] = 400,
        [ErrorCodes.PostLikeCancelAlreadyCommitted] = 400,
        [ErrorCodes.PostAlreadyDeleted] = 410,
        [ErrorCodes.CommentNotFound] = 404,
        [ErrorCodes.CommentDepthLimitExceeds] = 400,
        [ErrorCodes.ParentCommentPostIdNotEquals] = 400,
        [ErrorCodes.CommentModificationPermissionDenied] = 403,
        [ErrorCodes.CommentDeletionPermissionDenied] = 403,
        [ErrorCodes.CommentLikeAlreadyExists] = 400,
        [ErrorCodes.CommentLikeCancelAlreadyCommitted] = 400,
        [ErrorCodes.InvalidToken] = 401,
        [ErrorCodes.JwtExpired] = 401,
        [ErrorCodes.BearerTokenMissing] = 401,
        [ErrorCodes.TokenRefreshNeeded] = 401,
        [ErrorCodes.JwtKeyExpired] = 401,
        [ErrorCodes.RefreshTokenInvalid] = 401,
        [ErrorCodes.InvalidImageSignature] = 400,
        [ErrorCodes.EmptyImageFile] = 400,
        [ErrorCodes.ImageTooLarge] = 413,
        [ErrorCodes.ImageNotFound] = 404,
        [ErrorCodes.TooManyRequest] = 429,
    };
}

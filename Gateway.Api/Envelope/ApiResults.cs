using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>Builds envelope responses so every endpoint answers in the same shape.</summary>
public static class ApiResults
{
    private const string Success = "SUCCESS";
    private const string Fail = "FAIL";
    private const string InternalErrorMessage = "An unexpected error occurred.";
    private const string UnavailableMessage = "The service is temporarily unavailable; please retry.";

    public static IResult Ok<T>(T data) => Json(new SuccessEnvelope<T>(StatusCodes.Status200OK, Success, data));

    public static IResult Created<T>(T data) =>
        Json(new SuccessEnvelope<T>(StatusCodes.Status201Created, Success, data), StatusCodes.Status201Created);

    public static IResult Scroll<T>(Slice<T> slice) => Ok(new ScrollPage<T>(slice.Content, slice.Page, slice.Size, slice.HasNext));

    /// <summary>A page of posts, each written from its last rendering when unchanged.</summary>
    public static IResult Scroll(Slice<PostView> slice, RenderedPosts renderer)
    {
        var content = new RenderedPostView[slice.Content.Count];
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = new RenderedPostView(slice.Content[i], renderer);
        }

        return Ok(new ScrollPage<RenderedPostView>(content, slice.Page, slice.Size, slice.HasNext));
    }

    /// <summary>
    /// The error envelope. A 5xx says only what a client may know: a server-side message may carry a database's or a
    /// host's details (the caller logs it), so it is replaced by a fixed one.
    /// </summary>
    public static IResult Error(HttpContext context, string code, string message, int? status = null)
    {
        var statusCode = status ?? StatusOf(code);
        if (statusCode >= StatusCodes.Status500InternalServerError)
        {
            message = statusCode == StatusCodes.Status500InternalServerError ? InternalErrorMessage : UnavailableMessage;
        }

        var envelope = new ErrorEnvelope(statusCode, Fail, message, context.Request.Path, code);
        return Json(envelope, envelope.StatusCode);
    }

    private static IResult Json<TEnvelope>(TEnvelope envelope, int? statusCode = null) =>
        EnvelopeJson<TEnvelope>.TypeInfo is { } generated
            ? Results.Json(envelope, generated, statusCode: statusCode)
            : Results.Json(envelope, statusCode: statusCode);

    public static int StatusOf(string code) =>
        ErrorCatalog.HttpStatus.TryGetValue(code, out var status) ? status : StatusCodes.Status500InternalServerError;
}

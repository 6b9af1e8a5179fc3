using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Gateway.Api.Images;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Images;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>
/// Image upload, view and bulk delete. No image library restores in this build environment, so there are no
/// thumbnails: ?thumbnail=true serves the original.
/// </summary>
public static class ImagesApi
{
    public const string ViewPath = "/api/images/view/";
    private const string MultipartFormData = "multipart/form-data";
    private const string ImageField = "image";

    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        var images = app.MapGroup("/api/images").WithTags("Images");
        // The form is read here, not bound, so a body cut short gets the error envelope (binding answered a bare 400).
        // As in the original, a profile upload only stores the picture: it becomes the avatar when the member saves their
        // profile with its URL, so cancelling the form leaves the old avatar in place.
        foreach (var path in new[] { "/upload", "/upload/profile" })
        {
            images.MapPost(path, (HttpContext c, IGrainFactory g, ImageStore s, IOptions<ImageOptions> o) => UploadAsync(c, g, s, o.Value))
                .Accepts<IFormFile>(MultipartFormData).RequireAuthorization().DisableAntiforgery();
        }

        // Anonymous on purpose: <img> tags send no bearer token, and ids are unguessable GUIDs.
        images.MapGet("/view/{id:guid}", ViewAsync);
        images.MapPost("/view/command/delete/in", DeleteAsync).RequireAuthorization();
        return app;
    }

    public sealed record DeleteRequest(IReadOnlyList<string>? ImageUrls);

    private static async Task<IResult> UploadAsync(HttpContext context, IGrainFactory grains, ImageStore store, ImageOptions options)
    {
        var image = await ImageFieldOrThrowAsync(context);
        if (image is null || image.Length == 0)
        {
            throw new DomainException(ErrorCodes.EmptyImageFile, "Send a non-empty file in the multipart field 'image'.");
        }

        if (image.Length > options.MaxBytes)
        {
            throw new DomainException(ErrorCodes.ImageTooLarge, $"Images may be at most {options.MaxBytes / 1024 / 1024} MB.");
        }

        var header = new byte[ImageSignatures.HeaderLength];
        await using (var peek = image.OpenReadStream())
        {
            await peek.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, context.RequestAborted);
        }

        var contentType = ImageSignatures.ContentTypeOf(header)
                          ?? throw new DomainException(ErrorCodes.InvalidImageSignature, "The file is not a JPEG, PNG, GIF, BMP or WebP image.");
        var memberId = context.User.IdOrThrow();
        var id = Guid.NewGuid();
        await using (var content = image.OpenReadStream())
        {
            await store.SaveAsync(id, content, context.RequestAborted);
        }

        await grains.GetGrain<IImageGrain>(id).RegisterAsync(memberId, contentType, image.Length);
        return ApiResults.Ok(id.ToString("D"));
    }

    private static async Task<IResult> ViewAsync(Guid id, IGrainFactory grains, ImageStore store, IOptions<ImageOptions> options, HttpContext context)
    {
        var info = await grains.GetGrain<IImageGrain>(id).GetAsync();
        var content = info is null ? null : await store.OpenReadAsync(id, context.RequestAborted);
        if (content is null)
        {
            return ApiResults.Error(context, ErrorCodes.ImageNotFound, $"Image {id} does not exist.");
        }

        context.Response.Headers.CacheControl = $"public, max-age={(int)options.Value.CacheDuration.TotalSeconds}, immutable";
        return Results.Stream(content, info!.ContentType);
    }

    private static async Task<IResult> DeleteAsync(DeleteRequest request, HttpContext context, IGrainFactory grains, ImageStore store)
    {
        var memberId = context.User.IdOrThrow();
        foreach (var url in request.ImageUrls ?? [])
        {
            var slash = url.LastIndexOf('/');
            if (!Guid.TryParse(url[(slash + 1)..].Split('?')[0], out var id))
            {
                throw new DomainException(ErrorCodes.InvalidRequest, $"'{url}' is not an image URL of this service.");
            }

            if (await grains.GetGrain<IImageGrain>(id).DeleteAsync(memberId))
            {
                await store.DeleteAsync(id, context.RequestAborted);
            }
        }

        return ApiResults.Ok(true);
    }

    private static async Task<IFormFile?> ImageFieldOrThrowAsync(HttpContext context)
    {
        try
        {
            return (await context.Request.ReadFormAsync(context.RequestAborted)).Files.GetFile(ImageField);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, "The multipart body is malformed or ends before its closing boundary.");
        }
    }
}

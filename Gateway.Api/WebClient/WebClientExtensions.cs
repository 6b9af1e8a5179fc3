using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Errors;
using Microsoft.Net.Http.Headers;

namespace Dailyfeed.Gateway.Api.WebClient;

/// <summary>
/// Serves the web client built from web/ into wwwroot/: static files, and index.html for the client's own routes
/// (/login, /posts/42, ...) so a reload or a shared link opens the app. Server paths are never answered with the
/// app: an unknown /api path gets the JSON error envelope 404 (415 when the path is known but not the body's media type), unknown health, metrics or OpenAPI paths a plain 404.
/// </summary>
public static class WebClientExtensions
{
    private const string IndexFile = "index.html";

    /// <summary>Path prefixes the server owns; the client's routes never start with these.</summary>
    private static readonly string[] ServerPrefixes = ["/api", "/healthcheck", "/metrics", "/openapi"];

    /// <summary>Static files of the client (hashed assets cached for good, index.html revalidated).</summary>
    public static WebApplication UseWebClientFiles(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = context => SetCaching(context.Context.Response, context.File.Name) });
        return app;
    }

    /// <summary>Fallbacks, mapped after every API endpoint: the 404 envelope for /api, index.html for client routes.</summary>
    public static WebApplication MapWebClientFallback(this WebApplication app)
    {
        app.MapFallback("/api/{**path}", (HttpContext context, UnsupportedMediaTypes mediaTypes) => mediaTypes.Refuses(context.Request)
            ? ApiResults.Error(context, ErrorCodes.UnsupportedMediaType, $"{context.Request.Method} {context.Request.Path} does not accept a body of type '{context.Request.ContentType ?? "(none)"}'.")
            : ApiResults.Error(context, ErrorCodes.NotFound, $"No API endpoint answers {context.Request.Method} {context.Request.Path}."));
        app.MapFallback("{**path:nonfile}", ServeIndex);
        return app;
    }

    private static IResult ServeIndex(HttpContext context, IWebHostEnvironment environment)
    {
        var index = environment.WebRootFileProvider.GetFileInfo(IndexFile);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) ||
            IsServerPath(context.Request.Path) || !index.Exists)
        {
            return Results.NotFound();
        }

        SetCaching(context.Response, IndexFile);
        return Results.File(index.CreateReadStream(), "text/html; charset=utf-8");
    }

    private static bool IsServerPath(PathString path) =>
        ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    private static void SetCaching(HttpResponse response, string fileName) =>
        response.Headers[HeaderNames.CacheControl] = fileName == IndexFile ? "no-cache" : "public, max-age=31536000, immutable";
}

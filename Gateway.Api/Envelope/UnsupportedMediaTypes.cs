using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>
/// Tells the /api fallback whether an endpoint answers this method and path but not this body's media type. Routing
/// passes over such an endpoint (it would answer 415), and the fallback, which accepts any media type, wins: without
/// this a JSON endpoint sent text/plain, or an upload sent as JSON, answered 404.
/// </summary>
public sealed class UnsupportedMediaTypes(EndpointDataSource endpoints)
{
    private IReadOnlyList<Route>? _routes;

    /// <summary>True when an endpoint matches the request's method and path and accepts none of its media type.</summary>
    public bool Refuses(HttpRequest request)
    {
        var routes = _routes ??= Build(endpoints);
        var matches = routes.Where(r => r.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) &&
                                        r.Matcher.TryMatch(request.Path, new RouteValueDictionary())).ToList();
        return matches.Count > 0 && !matches.Any(r => Accepts(r.ContentTypes, request.ContentType));
    }

    private static bool Accepts(IReadOnlyList<string> accepted, string? contentType) =>
        contentType is not null &&
        MediaTypeHeaderValue.TryParse(contentType, out var sent) &&
        accepted.Any(a => MediaTypeHeaderValue.TryParse(a, out var allowed) && sent.IsSubsetOf(allowed));

    private static List<Route> Build(EndpointDataSource source) =>
        source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Accepts: e.Metadata.GetMetadata<IAcceptsMetadata>(), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()))
            .Where(e => e.Accepts is { ContentTypes.Count: > 0 } && e.Methods is not null)
            .Select(e => new Route(
                new TemplateMatcher(new RouteTemplate(e.Endpoint.RoutePattern), new RouteValueDictionary()),
                e.Methods!.HttpMethods,
                e.Accepts!.ContentTypes))
            .ToList();

    private sealed record Route(TemplateMatcher Matcher, IReadOnlyList<string> Methods, IReadOnlyList<string> ContentTypes);
}

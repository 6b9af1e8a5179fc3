using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Search;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>GET /api/search/posts and /api/search/comments?keyword=: full-text search with numbered pages.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("/api/search").WithTags("Search").RequireAuthorization();
        search.MapGet("/posts", async (string? keyword, int? page, int? size, HttpContext c, IGrainFactory g) =>
            ApiResults.Ok(await g.GetGrain<ISearchGrain>(KeywordOrThrow(keyword)).SearchPostsAsync(c.User.IdOrThrow(), PagingParameters.ToRequestOrThrow(page, size))));
        search.MapGet("/comments", async (string? keyword, int? page, int? size, HttpContext c, IGrainFactory g) =>
            ApiResults.Ok(await g.GetGrain<ISearchGrain>(KeywordOrThrow(keyword)).SearchCommentsAsync(c.User.IdOrThrow(), PagingParameters.ToRequestOrThrow(page, size))));
        return app;
    }

    private static string KeywordOrThrow(string? keyword) =>
        string.IsNullOrWhiteSpace(keyword) ? throw new DomainException(ErrorCodes.InvalidRequest, "keyword is required.") : keyword.Trim();
}

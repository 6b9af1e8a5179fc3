using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Telemetry;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Fallbacks;

/// <summary>
/// Feeds and rankings degrade to the last good page this gateway served the same member for the same URL when the
/// cluster is down; the answer says so (<see cref="StaleHeader"/>, Age). Only reads use this: a write never
/// "succeeds" from a cache.
/// </summary>
public sealed class LastGoodPageFilter(IOptions<FallbackOptions> options, ILogger<LastGoodPageFilter> logger) : IEndpointFilter, IDisposable
{
    public const string StaleHeader = "X-Dailyfeed-Stale";

    // A cache of its own, so its size limit cannot starve (or be starved by) any other cache.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxPages });

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = new PageKey(http.User.IdOrThrow(), http.Request.Path + http.Request.QueryString);
        try
        {
            var result = await next(context);
            if (result is IValueHttpResult { Value: { } page } and IStatusCodeHttpResult { StatusCode: null or StatusCodes.Status200OK } &&
                !StoredRecently(key))
            {
                _cache.Set(key, new CachedPage(page, DateTimeOffset.UtcNow), new MemoryCacheEntryOptions
                {
                    Size = 1,
                    AbsoluteExpirationRelativeToNow = options.Value.MaxAge,
                });
            }

            return result;
        }
        catch (Exception ex) when (ClusterOutage.Is(ex) && _cache.TryGetValue(key, out CachedPage? cached) && cached is not null)
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unknown";
            GatewayMetrics.FallbackPagesServed.Add(1, new KeyValuePair<string, object?>("route", route));
            logger.LogWarning("Cluster unavailable ({Reason}): served the page of {Route} cached at {CachedAt:O}", ex.Message, route, cached.StoredAt);
            http.Response.Headers[StaleHeader] = "true";
            http.Response.Headers.Age = ((long)(DateTimeOffset.UtcNow - cached.StoredAt).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(cached.Page);
        }
    }

    public void Dispose() => _cache.Dispose();

    private bool StoredRecently(PageKey key) =>
        _cache.TryGetValue(key, out CachedPage? cached) && cached is not null &&
        DateTimeOffset.UtcNow - cached.StoredAt < options.Value.RefreshInterval;

    private sealed record PageKey(long MemberId, string Url);

    private sealed record CachedPage(object Page, DateTimeOffset StoredAt);
}

/// <summary>Wires the last-good-page cache.</summary>
public static class FallbackExtensions
{
    public static IServiceCollection AddDailyfeedFallbacks(this IServiceCollection services)
    {
        services.AddOptions<FallbackOptions>().BindConfiguration(FallbackOptions.Section);
        services.AddSingleton<LastGoodPageFilter>();
        return services;
    }

    /// <summary>Serves the last good page of this route when the cluster is down.</summary>
    public static RouteHandlerBuilder WithLastGoodPageFallback(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<LastGoodPageFilter>().InvokeAsync(context, next));
}

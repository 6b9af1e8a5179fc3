using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.Runtime.Telemetry;

/// <summary>
/// Makes sure each HTTP request runs inside an activity that continues the caller's traceparent, and writes one log
/// line per request (method, route, status, duration) carrying its trace id.
/// </summary>
public sealed class TraceContextMiddleware(RequestDelegate next, ILogger<TraceContextMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var owned = Activity.Current is null
            ? TraceContext.StartActivity($"HTTP {context.Request.Method}", ActivityKind.Server, context.Request.Headers[TraceContext.Header])
            : null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var method = new KeyValuePair<string, object?>("method", context.Request.Method);
            var routeTag = new KeyValuePair<string, object?>("route", route);
            RuntimeMetrics.HttpRequests.Add(1, method, routeTag, new("status", context.Response.StatusCode));
            RuntimeMetrics.HttpDuration.Record(elapsed, method, routeTag);
            logger.LogInformation(
                "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms (trace {TraceId})",
                context.Request.Method, context.Request.Path, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, Activity.Current?.TraceId.ToString());
        }
    }
}

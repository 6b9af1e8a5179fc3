using System.Diagnostics;
using Microsoft.AspNetCore.Http;
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
            logger.LogInformation(
                "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms (trace {TraceId})",
                context.Request.Method, context.Request.Path, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, Activity.Current?.TraceId.ToString());
        }
    }
}

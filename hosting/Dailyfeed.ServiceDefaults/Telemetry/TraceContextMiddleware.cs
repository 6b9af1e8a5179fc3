using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.ServiceDefaults.Telemetry;

/// <summary>
/// Makes sure each HTTP request runs inside an activity that continues the caller's traceparent, and writes one log
/// line per request (method, route, status, duration) carrying its trace id. Request metrics are ASP.NET Core's own
/// (http.server.request.duration, exported with the rest of /metrics).
/// </summary>
public sealed partial class TraceContextMiddleware(RequestDelegate next, ILogger<TraceContextMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var owned = Activity.Current is null
            ? TraceContext.StartActivity(ActivityName(context.Request.Method), ActivityKind.Server, context.Request.Headers[TraceContext.Header])
            : null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogAnswered(context.Request.Method, context.Request.Path, context.Response.StatusCode, elapsedMs, Activity.Current?.TraceId.ToString());
            }
        }
    }

    // Known methods get constant names: one string less per request.
    private static string ActivityName(string method) => method switch
    {
        "GET" => "HTTP GET",
        "POST" => "HTTP POST",
        "PUT" => "HTTP PUT",
        "DELETE" => "HTTP DELETE",
        _ => "HTTP " + method,
    };

    // Source-generated, and guarded above, so a disabled level costs no boxing, no arrays and no trace-id string.
    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms (trace {TraceId})")]
    private partial void LogAnswered(string method, PathString path, int statusCode, double elapsedMs, string? traceId);
}

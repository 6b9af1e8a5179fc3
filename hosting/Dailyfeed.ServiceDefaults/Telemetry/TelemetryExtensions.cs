using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>JSON console logs whose scopes carry TraceId and SpanId, with no per-host formatting code.</summary>
    public static ILoggingBuilder AddDailyfeedJsonLogs(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        return logging;
    }

    public static IApplicationBuilder UseDailyfeedTraceContext(this IApplicationBuilder app) => app.UseMiddleware<TraceContextMiddleware>();
}

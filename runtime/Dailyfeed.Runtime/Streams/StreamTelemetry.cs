using System.Diagnostics;

namespace Dailyfeed.Runtime.Streams;

/// <summary>Trace context across the broker: events carry the W3C traceparent of the request that caused them.</summary>
public static class StreamTelemetry
{
    public const string SourceName = "Dailyfeed.Streams";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The traceparent to stamp on an event created now.</summary>
    public static string? CurrentTraceparent => Activity.Current?.Id;

    internal static Activity? StartDelivery(StreamEvent streamEvent) =>
        ActivityContext.TryParse(streamEvent.Traceparent, null, out var parent)
            ? Source.StartActivity($"{streamEvent.Stream} deliver", ActivityKind.Consumer, parent)
            : Source.StartActivity($"{streamEvent.Stream} deliver", ActivityKind.Consumer);
}

using System.Diagnostics;

namespace Dailyfeed.ServiceDefaults.Telemetry;

/// <summary>
/// W3C trace context across every hop (gateway, silo-to-silo calls, stream deliveries). Activities are started even
/// when no tracer listens, so logs and stream events always carry the request's trace id.
/// </summary>
public static class TraceContext
{
    public const string Header = "traceparent";
    public const string SourceName = "Dailyfeed.Platform";

    /// <summary>Orleans' source for application grain calls (its activity propagation filters start these).</summary>
    public const string OrleansGrainCallSourceName = "Microsoft.Orleans.Application";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Lazy<ActivityListener> OrleansGrainCalls = new(() =>
    {
        // Orleans starts a grain call's activity only when its source has a listener; this one asks for ids alone
        // (a tracer, when configured, asks for more), so the trace id reaches silo logs and stream events anyway.
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OrleansGrainCallSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>Makes Orleans' grain-call activities exist in this process whether or not a tracer listens.</summary>
    public static void TraceGrainCalls() => _ = OrleansGrainCalls.Value;

    /// <summary>Starts an activity continuing <paramref name="traceparent"/> when it is valid, a new trace otherwise.</summary>
    public static Activity StartActivity(string name, ActivityKind kind, string? traceparent)
    {
        var parent = ActivityContext.TryParse(traceparent, null, out var context) ? context : default;
        var activity = Source.StartActivity(name, kind, parent);
        if (activity is not null)
        {
            return activity;
        }

        // Nobody listens: start a plain activity so Activity.Current (and the trace id in logs and events) exists anyway.
        activity = new Activity(name);
        if (parent != default)
        {
            activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        }

        return activity.Start();
    }
}

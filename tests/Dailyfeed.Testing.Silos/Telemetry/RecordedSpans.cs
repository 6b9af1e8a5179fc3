using System.Collections.ObjectModel;
using System.Diagnostics;

namespace Dailyfeed.Testing.Telemetry;

/// <summary>
/// The spans an in-memory exporter records (<c>AddInMemoryExporter(spans)</c>), readable while the gateway and the
/// silos still export. A span is exported when it ends, and the spans of one request end in no fixed order: the
/// gateway's HTTP server span ends after the response was sent, so after the client saw it, and on a loaded machine
/// after spans the request caused later. A test therefore waits for every span it asserts on, not for one of them.
/// </summary>
public sealed class RecordedSpans : Collection<Activity>
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();

    /// <summary>The gateway's span for an HTTP request it served (ASP.NET Core's own source).</summary>
    public static bool IsHttpServerSpan(Activity span) => span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server;

    /// <summary>The exporter only adds; a snapshot reads under the same lock.</summary>
    protected override void InsertItem(int index, Activity item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }

    public IReadOnlyList<Activity> OfTrace(ActivityTraceId traceId)
    {
        lock (_gate)
        {
            return this.Where(span => span.TraceId == traceId).ToArray();
        }
    }

    /// <summary>
    /// The trace once it holds a span matching each of <paramref name="required"/>, or as it stands when
    /// <paramref name="limit"/> passes (the caller's assertions then say what is missing).
    /// </summary>
    public async Task<IReadOnlyList<Activity>> WaitForTraceAsync(ActivityTraceId traceId, TimeSpan limit, params Func<Activity, bool>[] required)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var trace = OfTrace(traceId);
            if (required.All(trace.Any) || waited.Elapsed > limit)
            {
                return trace;
            }

            await Task.Delay(Poll);
        }
    }
}

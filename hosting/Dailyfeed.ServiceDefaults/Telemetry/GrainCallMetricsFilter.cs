using Dailyfeed.Errors;
using System.Diagnostics;
using global::Orleans;

namespace Dailyfeed.ServiceDefaults.Telemetry;

/// <summary>
/// Counts every grain call this process makes, by interface, method and outcome (a domain error's code, or "error"),
/// and times it as the caller sees it: the RED signals of the grain layer that the alerts and dashboard read.
/// </summary>
internal sealed class GrainCallMetricsFilter : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await context.Invoke().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            outcome = ex is CodedException coded ? coded.Code : "error";
            throw;
        }
        finally
        {
            var grainType = new KeyValuePair<string, object?>("grain_type", context.InterfaceMethod?.DeclaringType?.Name ?? context.InterfaceName);
            PlatformMetrics.GrainCalls.Add(1, grainType, new("method", context.MethodName), new("outcome", outcome));
            PlatformMetrics.GrainCallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, grainType);
        }
    }
}

using Microsoft.Extensions.Logging;
using global::Orleans;

namespace Dailyfeed.ServiceDefaults.Telemetry;

/// <summary>Logs each grain call a silo serves at debug level, inside the call's trace (so the line carries its trace id).</summary>
internal sealed class GrainCallLogFilter(ILogger<GrainCallLogFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Grain call {Method} on {GrainId}", context.MethodName, context.TargetId);
        }

        try
        {
            await context.Invoke().ConfigureAwait(false);
        }
        catch (Exception ex) when (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug(ex, "{Method} on {GrainId} threw", context.MethodName, context.TargetId);
            throw;
        }
    }
}

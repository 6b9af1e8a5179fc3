using global::Orleans;
using global::Orleans.Streams;
using Dailyfeed.ServiceDefaults.Telemetry;

namespace Dailyfeed.Orleans.Outbox.Telemetry;

/// <summary>
/// Counts stream deliveries a consumer failed (<see cref="PlatformMetrics.DeliveryFailures"/>). Orleans' pulling agents
/// hand events to consumers as grain calls that carry the batch container, so this outgoing filter on the silo sees
/// every attempt, whichever stream provider made it; each failure is one delivery retry, or the dead-lettering after
/// the last attempt. Calls without a batch pass straight through.
/// </summary>
internal sealed class StreamDeliveryMetricsFilter : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var stream = FindStreamNamespace(context);
        if (stream is null)
        {
            await context.Invoke();
            return;
        }

        try
        {
            await context.Invoke();
        }
        catch
        {
            PlatformMetrics.DeliveryFailures.Add(1, new KeyValuePair<string, object?>("stream", stream));
            throw;
        }
    }

    private static string? FindStreamNamespace(IOutgoingGrainCallContext context)
    {
        for (var index = 0; index < context.Request.GetArgumentCount(); index++)
        {
            switch (context.Request.GetArgument(index))
            {
                // A batch of batches is itself a batch container: look at it first.
                case IBatchContainerBatch { BatchContainers: [var first, ..] }:
                    return first.StreamId.GetNamespace();
                case IBatchContainer batch:
                    return batch.StreamId.GetNamespace();
            }
        }

        return null;
    }
}

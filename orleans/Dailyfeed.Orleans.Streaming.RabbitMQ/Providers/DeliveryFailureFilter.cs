using Orleans;
using Orleans.Serialization.Invocation;
using Orleans.Streams;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// Sees the pulling agent's calls that hand a RabbitMQ batch to a consumer (they leave the agent's silo as grain
/// calls) and writes each failure with its exception to the <see cref="DeliveryFailureJournal"/>. Other calls pass
/// straight through after a look at their arguments.
/// </summary>
public sealed class DeliveryFailureFilter(DeliveryFailureJournal journal) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var messageKey = FindMessageKey(context.Request);
        if (messageKey is null)
        {
            await context.Invoke();
            return;
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception exception)
        {
            journal.RecordFailure(messageKey, exception);
            throw;
        }
    }

    private static string? FindMessageKey(IInvokable request)
    {
        var count = request.GetArgumentCount();
        for (var index = 0; index < count; index++)
        {
            switch (request.GetArgument(index))
            {
                case RabbitMqBatchContainer container:
                    return container.MessageKey;
                case IBatchContainerBatch { BatchContainers: [RabbitMqBatchContainer first, ..] }:
                    // With BatchContainerBatchSize > 1 the failure handler is told the last token only; the
                    // provider documents batch size 1, and the first key at least keeps the count honest.
                    return first.MessageKey;
            }
        }

        return null;
    }
}

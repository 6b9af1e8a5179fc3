using System.Collections.Concurrent;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;
using Dailyfeed.Orleans.Outbox.Streams;
using Orleans;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Events whose consumer throws while they are poisoned, shared by every silo of a cluster, with the number of
/// deliveries each poisoned event got (a consumer that is "fixed" is one whose event is no longer poisoned).
/// </summary>
public sealed class PoisonSwitch
{
    private readonly ConcurrentDictionary<string, bool> _poisoned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public void Poison(string messageKey) => _poisoned[messageKey] = true;

    public void Fix(string messageKey) => _poisoned.TryRemove(messageKey, out _);

    public int Attempts(string messageKey) => _attempts.GetValueOrDefault(messageKey);

    internal bool TryRefuse(string messageKey)
    {
        if (!_poisoned.ContainsKey(messageKey))
        {
            return false;
        }

        _attempts.AddOrUpdate(messageKey, 1, (_, count) => count + 1);
        return true;
    }
}

/// <summary>
/// Fails a call that hands a poisoned event to its consumer before it reaches the activity grain, as a consumer that
/// throws would: the pulling agent's delivery of a batch (so the provider's retries, delivery bound and
/// dead-lettering all run as in production) and a replay's direct call with the event alike.
/// </summary>
internal sealed class PoisonFilter(PoisonSwitch poison) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var index = 0; index < context.Request.GetArgumentCount(); index++)
        {
            IEnumerable<StreamEvent> events = context.Request.GetArgument(index) switch
            {
                RabbitMqBatchContainer batch => batch.Events.OfType<StreamEvent>(),
                StreamEvent streamEvent => [streamEvent],
                _ => [],
            };
            if (events.Any(e => poison.TryRefuse(e.MessageKey)))
            {
                throw new InvalidOperationException($"Poisoned event in {context.Request} refused on purpose (test switch).");
            }
        }

        return context.Invoke();
    }
}

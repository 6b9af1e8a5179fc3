using System.Collections.Concurrent;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;
using Dailyfeed.Runtime.Streams;
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
/// Fails the pulling agent's delivery of a poisoned event before it reaches the activity grain, as a consumer that
/// throws would: the provider's retries, delivery bound and dead-lettering all run as in production.
/// </summary>
internal sealed class PoisonFilter(PoisonSwitch poison) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var index = 0; index < context.Request.GetArgumentCount(); index++)
        {
            if (context.Request.GetArgument(index) is RabbitMqBatchContainer batch &&
                batch.Events.OfType<StreamEvent>().Any(e => poison.TryRefuse(e.MessageKey)))
            {
                throw new InvalidOperationException($"Poisoned event in {batch.MessageKey} refused on purpose (test switch).");
            }
        }

        return context.Invoke();
    }
}

using System.Collections.Concurrent;
using Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>The PostgreSQL sink behind a switch that makes it fail, as a store that is down would, and notes what it refused.</summary>
public sealed class SwitchableDeadLetterSink(IListenerDeadLetterSink store) : IListenerDeadLetterSink
{
    private volatile bool refusing;

    public ConcurrentQueue<string> RefusedKeys { get; } = new();

    public void Refuse() => refusing = true;

    public void Accept() => refusing = false;

    public Task RecordAsync(ListenerDeadLetter deadLetter)
    {
        if (refusing)
        {
            RefusedKeys.Enqueue(deadLetter.MessageKey);
            throw new InvalidOperationException("The dead-letter store is down (test switch).");
        }

        return store.RecordAsync(deadLetter);
    }
}

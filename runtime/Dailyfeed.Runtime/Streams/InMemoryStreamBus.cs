using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Dailyfeed.Runtime.Streams;

/// <summary>The broker of the embedded default and of tests: one queue per stream, shared by every silo in the process.</summary>
public sealed class InMemoryStreamBus
{
    private readonly ConcurrentDictionary<string, Channel<StreamEvent>> _queues = new(StringComparer.Ordinal);

    internal Channel<StreamEvent> Queue(string stream) => _queues.GetOrAdd(stream, _ => Channel.CreateUnbounded<StreamEvent>());
}

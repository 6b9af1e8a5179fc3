using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Api.Tests.ReadPool;

/// <summary>
/// Every grain call, on any silo, made on behalf of a request the test marked with <see cref="MarkerKey"/> in Orleans'
/// request context (which flows through every call the marked one causes): what one read costs the cluster.
/// </summary>
public sealed class TracedGrainCalls
{
    public const string MarkerKey = "test-trace";

    private readonly ConcurrentQueue<TracedCall> _calls = new();

    public IReadOnlyList<TracedCall> Of(string marker) => _calls.Where(call => call.Marker == marker).ToList();

    public void Record(TracedCall call) => _calls.Enqueue(call);

    /// <summary>The silo-side filter that records marked calls into <paramref name="calls"/>.</summary>
    public sealed class Filter(TracedGrainCalls calls, ILocalSiloDetails silo) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (RequestContext.Get(MarkerKey) is string marker)
            {
                calls.Record(new TracedCall(marker, silo.Name, context.InterfaceName, context.MethodName));
            }

            return context.Invoke();
        }
    }
}

/// <param name="Silo">The name of the silo that ran the call.</param>
public sealed record TracedCall(string Marker, string Silo, string Interface, string Method);

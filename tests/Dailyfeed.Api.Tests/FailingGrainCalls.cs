using System.Collections.Concurrent;
using Orleans;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// Makes the next calls of one grain method fail on any silo, as a lost silo or a broken store would: the failures a
/// multi-step write must survive.
/// </summary>
public sealed class FailingGrainCalls
{
    private readonly ConcurrentDictionary<string, int> _remaining = new();

    /// <summary>The next <paramref name="count"/> calls of <typeparamref name="TGrain"/>.<paramref name="method"/> throw.</summary>
    public void FailNext<TGrain>(string method, int count) => _remaining[Key(typeof(TGrain).FullName!, method)] = count;

    public int Remaining<TGrain>(string method) => _remaining.GetValueOrDefault(Key(typeof(TGrain).FullName!, method));

    private bool TakeFailure(string grainInterface, string method)
    {
        var key = Key(grainInterface, method);
        while (_remaining.TryGetValue(key, out var left) && left > 0)
        {
            if (_remaining.TryUpdate(key, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    private static string Key(string grainInterface, string method) => $"{grainInterface}.{method}";

    /// <summary>The silo-side filter that fails the calls <see cref="FailNext{TGrain}"/> armed.</summary>
    public sealed class Filter(FailingGrainCalls failures) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            failures.TakeFailure(context.InterfaceName, context.MethodName)
                ? throw new InvalidOperationException($"Injected failure of {context.InterfaceName}.{context.MethodName}")
                : context.Invoke();
    }
}

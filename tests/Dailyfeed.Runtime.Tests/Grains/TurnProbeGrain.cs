namespace Dailyfeed.Runtime.Tests.Grains;

[GrainPool(GrainPools.Write)]
public interface ITurnProbeGrain : IGrainWithStringKey
{
    /// <summary>Records how many exclusive turns overlap while it sleeps.</summary>
    Task<int> ExclusiveAsync(int sleepMs);

    [ReadOnly]
    Task<int> ReadAsync(int sleepMs);

    [ReadOnly]
    Task<(int MaxExclusive, int MaxReaders)> GetMaximaAsync();

    Task HangAsync();

    [AlwaysInterleave]
    Task<string> PingAsync();

    Task FailAsync(string code, string message);

    /// <summary>Fails as an unavailable dependency would for the first <paramref name="failures"/> calls.</summary>
    [ReadOnly]
    Task<int> FlakyReadAsync(int failures);

    /// <summary>The same, on a method that changes state (so it must never be retried).</summary>
    Task<int> FlakyWriteAsync(int failures);

    /// <summary>Always answers "not found".</summary>
    [ReadOnly]
    Task<int> MissingReadAsync();

    [AlwaysInterleave]
    Task<int> CallCountAsync();
}

public sealed class TurnProbeGrain : Grain, ITurnProbeGrain
{
    private int _exclusive;
    private int _maxExclusive;
    private int _readers;
    private int _maxReaders;
    private int _calls;

    public async Task<int> ExclusiveAsync(int sleepMs)
    {
        var now = Interlocked.Increment(ref _exclusive);
        _maxExclusive = Math.Max(_maxExclusive, now);
        await Task.Delay(sleepMs);
        Interlocked.Decrement(ref _exclusive);
        return now;
    }

    public async Task<int> ReadAsync(int sleepMs)
    {
        var now = Interlocked.Increment(ref _readers);
        InterlockedMax(ref _maxReaders, now);
        await Task.Delay(sleepMs);
        Interlocked.Decrement(ref _readers);
        return now;
    }

    public Task<(int MaxExclusive, int MaxReaders)> GetMaximaAsync() => Task.FromResult((_maxExclusive, _maxReaders));

    public Task HangAsync() => new TaskCompletionSource().Task;

    public Task<string> PingAsync() => Task.FromResult("pong");

    public Task FailAsync(string code, string message) => throw new ProbeFailureException(code, message);

    public Task<int> FlakyReadAsync(int failures) => Flaky(failures);

    public Task<int> FlakyWriteAsync(int failures) => Flaky(failures);

    public Task<int> MissingReadAsync()
    {
        Interlocked.Increment(ref _calls);
        throw new ProbeFailureException("POST_NOT_FOUND", "no such post");
    }

    public Task<int> CallCountAsync() => Task.FromResult(Volatile.Read(ref _calls));

    private Task<int> Flaky(int failures)
    {
        var call = Interlocked.Increment(ref _calls);
        return call <= failures
            ? throw new Dailyfeed.Runtime.Resilience.DependencyUnavailableException("probe dependency")
            : Task.FromResult(call);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>A domain exception with a code, the shape Dailyfeed's own errors take.</summary>
public sealed class ProbeFailureException(string code, string message) : CodedException(code, message);

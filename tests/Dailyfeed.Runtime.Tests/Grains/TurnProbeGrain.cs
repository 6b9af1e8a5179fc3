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
}

public sealed class TurnProbeGrain : Grain, ITurnProbeGrain
{
    private int _exclusive;
    private int _maxExclusive;
    private int _readers;
    private int _maxReaders;

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

namespace Dailyfeed.Orleans.Tests;

/// <summary>Polls for a condition on a loaded CI machine: generous limits, no tight timing.</summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>Probes until a value is accepted and returns it; a timeout names the last value seen.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> accepted, string what, TimeSpan? limit = null)
    {
        var within = limit ?? DefaultLimit;
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await probe();
            if (accepted(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {within.TotalSeconds} s; last value: {value}.");
            }

            await Task.Delay(Pause);
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, string what) =>
        ReturnsAsync(condition, holds => holds, what, limit);
}

namespace Dailyfeed.Testing;

/// <summary>
/// Polls for what a cluster does after answering, on a loaded CI machine: generous limits, no tight timing. A probe
/// that throws counts as "not yet": while a killed silo is declared dead or a restarted broker reconnects, a probe's
/// own grain call or query may fail for a while, as a user's would. Only the limit fails the wait, and its message
/// names the last value or error seen.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>Probes until a value is accepted and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> accepted, string what, TimeSpan? limit = null)
    {
        var within = limit ?? DefaultLimit;
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            string lastSeen;
            Exception? lastError = null;
            try
            {
                var value = await probe();
                if (accepted(value))
                {
                    return value;
                }

                lastSeen = $"last value: {value}";
            }
            catch (Exception error)
            {
                lastError = error;
                lastSeen = $"last error: {error.GetType().Name}: {error.Message}";
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {within.TotalSeconds} s; {lastSeen}.", lastError);
            }

            await Task.Delay(Pause);
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, string what) =>
        ReturnsAsync(condition, holds => holds, what, limit);
}

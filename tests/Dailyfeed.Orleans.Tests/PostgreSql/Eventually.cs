namespace Dailyfeed.Orleans.Tests.PostgreSql;

/// <summary>Polls for a condition on a loaded CI machine: generous limit, no tight timing.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> accepted, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var value = await probe();
            if (accepted(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {Limit.TotalSeconds} s; last value: {value}.");
            }

            await Task.Delay(Pause);
        }
    }
}

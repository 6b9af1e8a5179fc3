using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>Waits for what the cluster does after answering (edges dissolved, a registry written on a fresh activation).</summary>
internal static class Eventually
{
    /// <summary>Generous for a loaded CI machine: a condition that holds returns at its first poll, so it costs nothing.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task HoldsAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition never held");
            await Task.Delay(Poll);
        }
    }
}

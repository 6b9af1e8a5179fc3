using Shouldly;

namespace Dailyfeed.Api.Tests.Chaos;

/// <summary>Polls a condition until it holds or the time is up.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        condition().ShouldBeTrue(what);
    }
}

using System.Diagnostics;
using Orleans;

namespace Dailyfeed.Bench.Grains;

/// <summary>
/// One caller loop inside the silo: awaits ping grains one after another until a deadline, so the calls measured are
/// grain-to-grain calls (scheduled, addressed and dispatched by the silo), not calls from outside any activation.
/// </summary>
[Alias("dailyfeed.bench.ICallerGrain")]
public interface ICallerGrain : IGrainWithIntegerKey
{
    /// <summary>Calls ping grains <paramref name="firstTarget"/> .. +<paramref name="targets"/> round robin for <paramref name="duration"/>; returns the calls made.</summary>
    [Alias("CallFor")]
    Task<long> CallForAsync(long firstTarget, int targets, TimeSpan duration);
}

public sealed class CallerGrain : Grain, ICallerGrain
{
    public async Task<long> CallForAsync(long firstTarget, int targets, TimeSpan duration)
    {
        var pings = new IPingGrain[targets];
        for (var i = 0; i < targets; i++)
        {
            pings[i] = GrainFactory.GetGrain<IPingGrain>(firstTarget + i);
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long calls = 0;
        // The clock is read once per pass over the targets, so reading it costs nothing measurable.
        while (Stopwatch.GetTimestamp() < deadline)
        {
            foreach (var ping in pings)
            {
                await ping.PingAsync();
            }

            calls += targets;
        }

        return calls;
    }
}

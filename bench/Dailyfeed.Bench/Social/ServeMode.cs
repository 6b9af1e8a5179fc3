namespace Dailyfeed.Bench.Social;

/// <summary>
/// `social serve`: the loaded platform held open for profiling. Prints the gateway's pid and a ready wrk command for
/// the home timeline, then waits for Enter or <see cref="SocialOptions.ServeLimit"/>, and stops the platform.
/// </summary>
public static class ServeMode
{
    public static async Task RunAsync(PlatformProcess platform, LoadedNetwork network, SocialOptions options)
    {
        var script = await WrkRunner.WriteScriptAsync($"/api/timeline/posts/followings?size={options.TimelineWindow}", network.Tokens);
        Console.Error.WriteLine($"""
            platform ready at {platform.Address} (gateway pid {platform.ProcessId})
              wrk -t2 -c{options.WrkConnections} -d10s --latency -s {script} {platform.Address}
              dotnet-trace collect -p {platform.ProcessId} --profile dotnet-sampled-thread-time --duration 00:00:00:10
            press Enter to stop (stops by itself after {options.ServeLimit.TotalMinutes:0} minutes)
            """);
        var enter = Task.Run(Console.In.ReadLine);
        await Task.WhenAny(enter, Task.Delay(options.ServeLimit));
        File.Delete(script);
    }
}

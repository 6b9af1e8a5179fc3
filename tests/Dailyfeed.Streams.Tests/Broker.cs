using System.Diagnostics;

namespace Dailyfeed.Streams.Tests;

/// <summary>Stops and starts the real RabbitMQ node (the CI machine's, installed by scripts/install-servers.sh).</summary>
public static class Broker
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public static Task StopAsync() => RabbitMqCtlAsync("stop_app");

    public static async Task StartAsync()
    {
        await RabbitMqCtlAsync("start_app");
        await RabbitMqCtlAsync("await_startup");
    }

    private static async Task RabbitMqCtlAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", ["-q", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {command} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}

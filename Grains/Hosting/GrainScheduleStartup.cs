using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Grains.Authentication;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Hosting;

/// <summary>
/// On every silo start, makes sure the durable schedules exist: key rotation, token cleanup and (where streams run)
/// dead-letter replay. Idempotent, so any number of silos may run it; retried until the cluster answers, because a
/// silo may start before its peers or the database.
/// </summary>
public sealed class GrainScheduleStartup(
    IGrainFactory grains,
    IServiceProvider services,
    IOptions<AuthenticationOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<GrainScheduleStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wait until every hosted service, the silo included, has started: before that no silo can take the calls.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var replayAvailable = services.GetService<IDeadLetterReplayer>() is not null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key).EnsureScheduledAsync();
                await grains.GetGrain<ITokenCleanupGrain>(TokenCleanup.Key).EnsureScheduledAsync();
                if (replayAvailable)
                {
                    await grains.GetGrain<IDeadLetterReplayGrain>(DeadLetterReplay.Key).EnsureScheduledAsync();
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not register the grain schedules yet; retrying");
                await Task.Delay(options.Value.StartupRetryDelay, stoppingToken);
            }
        }
    }
}

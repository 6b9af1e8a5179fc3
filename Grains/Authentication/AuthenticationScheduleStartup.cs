using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// On every silo start, makes sure the key-rotation and token-cleanup reminders exist. Idempotent, so any number of
/// silos may run it; retried until the cluster answers, because a silo may start before its peers or the database.
/// </summary>
public sealed class AuthenticationScheduleStartup(
    IGrainFactory grains,
    IOptions<AuthenticationOptions> options,
    ILogger<AuthenticationScheduleStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key).EnsureScheduledAsync();
                await grains.GetGrain<ITokenCleanupGrain>(TokenCleanup.Key).EnsureScheduledAsync();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not schedule signing-key rotation yet; retrying");
                await Task.Delay(options.Value.StartupRetryDelay, stoppingToken);
            }
        }
    }
}

using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// On every silo start, makes sure the key ring's rotation and cleanup reminders exist. Idempotent, so any number of
/// silos may run it; retried until the cluster answers, because a silo may start before its peers or the database.
/// </summary>
public sealed class SigningKeyScheduleStartup(
    IGrainFactory grains,
    IOptions<AuthenticationOptions> options,
    ILogger<SigningKeyScheduleStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key).EnsureScheduledAsync();
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

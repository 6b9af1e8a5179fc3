using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Reminders;

/// <summary>
/// Fires durable reminders on the silo that owns each grain. Ownership follows placement, so when a silo dies its
/// reminders fire on the new owner at the next poll. Each tick is claimed by compare-and-set in the table first,
/// so two silos with briefly different views never both fire it.
/// </summary>
internal sealed class ReminderService(
    IReminderTable table,
    Catalog catalog,
    GrainClassRegistry classes,
    PlacementService placement,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderService> logger)
{
    private static readonly GrainMethod ReceiveReminder =
        GrainMethod.CreateOrThrow(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminderAsync))!);

    private CancellationTokenSource? _stop;
    private Task? _loop;

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop!.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop = null;
    }

    /// <summary>One pass: fire every due reminder this silo owns. Returns how many fired.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        var entries = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            if (!classes.TryGet(entry.GrainId.Type, out var grainClass) ||
                !placement.IsOwnedLocally(grainClass.Metadata.Pool, StableHash.Of(entry.GrainId)))
            {
                continue;
            }

            var now = clock.GetUtcNow();
            if (ReminderSchedule.DueTick(entry, now) is not { } status ||
                !await table.TryClaimTickAsync(entry.GrainId, entry.Name, entry.LastTickAt, now, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            fired++;
            _ = FireAsync(entry, status);
        }

        return fired;
    }

    private async Task FireAsync(ReminderEntry entry, TickStatus status)
    {
        try
        {
            if (status.MissedTicks > 0)
            {
                logger.LogWarning(
                    "Reminder {Name} of {GrainId} missed {Missed} ticks since {Previous}",
                    entry.Name, entry.GrainId, status.MissedTicks, status.PreviousTickTime);
            }

            await catalog.InvokeLocalAsync<object>(entry.GrainId, ReceiveReminder, [entry.Name, status]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Reminder {Name} of {GrainId} failed", entry.Name, entry.GrainId);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reminder table unreachable; will retry");
            }
        }
    }
}

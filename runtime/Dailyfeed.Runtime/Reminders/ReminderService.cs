using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Reminders;

/// <summary>
/// Fires durable reminders on the silo that owns each grain. Ownership follows placement, so when a silo dies its
/// reminders fire on the new owner at the next poll. Each tick is claimed by compare-and-set in the table first,
/// so two silos with briefly different views never both fire it.
/// </summary>
internal sealed class ReminderService
{
    private static readonly GrainMethod ReceiveReminder =
        GrainMethod.CreateOrThrow(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminderAsync))!);

    private readonly IReminderTable _table;
    private readonly Catalog _catalog;
    private readonly GrainClassRegistry _classes;
    private readonly PlacementService _placement;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReminderService> _logger;
    private readonly PeriodicLoop _loop;

    public ReminderService(
        IReminderTable table,
        Catalog catalog,
        GrainClassRegistry classes,
        PlacementService placement,
        IOptions<ReminderOptions> options,
        TimeProvider clock,
        ILogger<ReminderService> logger)
    {
        _table = table;
        _catalog = catalog;
        _classes = classes;
        _placement = placement;
        _clock = clock;
        _logger = logger;
        _loop = new PeriodicLoop(options.Value.PollInterval, PollOnceAsync, ex => logger.LogWarning(ex, "Reminder table unreachable; will retry"));
    }

    public void Start() => _loop.Start();

    public Task StopAsync() => _loop.StopAsync();

    /// <summary>One pass: fire every due reminder this silo owns.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var entries = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            if (!_classes.TryGet(entry.GrainId.Type, out var grainClass) ||
                !_placement.IsOwnedLocally(grainClass.Metadata.Pool, StableHash.Of(entry.GrainId)))
            {
                continue;
            }

            var now = _clock.GetUtcNow();
            if (ReminderSchedule.DueTick(entry, now) is not { } status ||
                !await _table.TryClaimTickAsync(entry.GrainId, entry.Name, entry.LastTickAt, now, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            _ = FireAsync(entry, status);
        }
    }

    private async Task FireAsync(ReminderEntry entry, TickStatus status)
    {
        try
        {
            if (status.MissedTicks > 0)
            {
                _logger.LogWarning(
                    "Reminder {Name} of {GrainId} missed {Missed} ticks since {Previous}",
                    entry.Name, entry.GrainId, status.MissedTicks, status.PreviousTickTime);
            }

            await _catalog.InvokeLocalAsync<object>(entry.GrainId, ReceiveReminder, [entry.Name, status]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Reminder {Name} of {GrainId} failed", entry.Name, entry.GrainId);
        }
    }
}

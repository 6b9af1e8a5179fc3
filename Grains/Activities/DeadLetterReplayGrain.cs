using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Grains.Scheduling;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Activities;

/// <summary>
/// Replays both dead-letter tables on a durable reminder. Rows are claimed in the database, so this grain and a Batch
/// replay running at the same time never replay the same row.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class DeadLetterReplayGrain(
    IDeadLetterReplayer replayer,
    IOptions<ActivityOptions> options,
    ILogger<DeadLetterReplayGrain> logger) : Grain, IDeadLetterReplayGrain, IRemindable
{
    public const string ReminderName = "replay-dead-letters";

    public Task<ReplayResult> ReplayAsync(DeadLetterKind kind, int maxRows) => replayer.ReplayAsync(kind, maxRows, CancellationToken.None);

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows) =>
        replayer.ListAsync(kind, includeCompleted, maxRows, CancellationToken.None);

    public async Task EnsureScheduledAsync()
    {
        await PeriodicReminders.EnsureAsync(this, ReminderName, options.Value.ReplayInterval);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!PeriodicReminders.IsOf(ReminderName, reminderName))
        {
            return;
        }

        foreach (var kind in new[] { DeadLetterKind.Publisher, DeadLetterKind.Listener })
        {
            var result = await ReplayAsync(kind, options.Value.ReplayBatchSize);
            if (result.Claimed > 0)
            {
                logger.LogInformation("Replayed {Replayed}/{Claimed} {Kind} dead letters ({Failed} failed)", result.Replayed, result.Claimed, kind, result.Failed);
            }
        }
    }
}

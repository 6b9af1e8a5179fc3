using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Runtime;
using Dailyfeed.Runtime.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Activities;

/// <summary>
/// Replays both dead-letter tables on a durable reminder. Rows are claimed in the database, so this grain and a Batch
/// replay running at the same time never replay the same row.
/// </summary>
public sealed class DeadLetterReplayGrain(
    IDeadLetterReplayer replayer,
    IOptions<ActivityOptions> options,
    ILogger<DeadLetterReplayGrain> logger) : Grain, IDeadLetterReplayGrain
{
    public const string ReminderName = "replay-dead-letters";

    public Task<ReplayResult> ReplayAsync(DeadLetterKind kind, int maxRows) => replayer.ReplayAsync(kind, maxRows, CancellationToken.None);

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows) =>
        replayer.ListAsync(kind, includeCompleted, maxRows, CancellationToken.None);

    public async Task EnsureScheduledAsync()
    {
        var interval = options.Value.ReplayInterval;
        if (!(await GetRemindersAsync()).Any(r => r.Name == ReminderName && r.Period == interval))
        {
            await RegisterOrUpdateReminderAsync(ReminderName, interval, interval);
        }
    }

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
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

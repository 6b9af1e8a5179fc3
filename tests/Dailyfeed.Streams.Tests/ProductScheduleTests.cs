using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Grains.Activities;
using Dailyfeed.Grains.Authentication;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Shouldly;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// The product's own durable schedules (key rotation, token cleanup, dead-letter replay) on silos built as deployed
/// ones: registered by the silo's start alone, in PostgreSQL's reminder table, and each ticking into its real work. Each test
/// owns a one-silo cluster, as the two need different periods.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ProductScheduleTests(PrivateBroker broker)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Short enough to watch several ticks, long enough not to crowd a loaded CI machine.</summary>
    private static readonly TimeSpan ShortPeriod = TimeSpan.FromSeconds(2);

    /// <summary>Orleans refuses periods under its minimum (1 min in production); lowered for these silos only.</summary>
    private static readonly TimeSpan ShortMinimumPeriod = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task After_a_silo_starts_each_schedule_is_in_the_reminder_table_with_its_production_period()
    {
        await using var cluster = await StreamCluster.DeployAsync(broker, silos: 1);
        var expected = new Dictionary<string, TimeSpan>
        {
            [SigningKeyRingGrain.RotationReminder] = new AuthenticationOptions().KeyRotationInterval,
            [TokenCleanupGrain.ReminderName] = new AuthenticationOptions().CleanupInterval,
            [DeadLetterReplayGrain.ReminderName] = new ActivityOptions().ReplayInterval,
        };

        await Eventually.HoldsAsync(async () => expected.Keys.All(SchedulesIn(await cluster.RemindersAsync()).ContainsKey), Patience,
            "the silo's start never registered every schedule");

        var schedules = SchedulesIn(await cluster.RemindersAsync());
        schedules.ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task With_short_periods_the_reminders_rotate_the_signing_key_replay_a_listener_dead_letter_and_delete_an_expired_session_by_themselves()
    {
        await using var cluster = await StreamCluster.DeployAsync(broker, silos: 1, ShortPeriods(), services =>
            services.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = ShortMinimumPeriod));
        var ring = cluster.Grains.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key);
        var firstPrimary = PrimaryOf(await ring.GetKeysAsync());

        // A login session whose refresh token expires in a moment; the test never runs a cleanup pass itself.
        await cluster.Grains.GetGrain<IRefreshSessionGrain>(Guid.NewGuid()).StartAsync(5, new ClientInfo("schedule test", null));
        (await StoredSessionsAsync(cluster)).ShouldBe(1, "the session's record is stored");

        // A listener dead letter; the test never replays it: only the reminder can bring it to its consumer.
        var poison = StreamEvents.PostRead(21, 77);
        cluster.Poison.Poison(poison.MessageKey);
        await cluster.PublishAsync(poison);
        await Eventually.HoldsAsync(async () => (await OpenListenerDeadLettersAsync(cluster)).Any(d => d.Event.MessageKey == poison.MessageKey), Patience,
            "the poison event never reached listener dead letters");
        cluster.Poison.Fix(poison.MessageKey);

        await Eventually.HoldsAsync(async () => PrimaryOf(await ring.GetKeysAsync()) != firstPrimary, Patience,
            "the rotation reminder never made a new primary signing key");
        await Eventually.HoldsAsync(async () => (await cluster.ActivitiesAsync(21)).Any(a => a.PostId == 77), Patience,
            "the replay reminder never delivered the dead-lettered event");
        // The replay hands the event to its consumer first and closes the dead letter after: the activity can show first.
        await Eventually.HoldsAsync(async () => (await OpenListenerDeadLettersAsync(cluster)).All(d => d.Event.MessageKey != poison.MessageKey),
            Patience, "the replayed dead letter was never closed");
        await Eventually.HoldsAsync(async () => await StoredSessionsAsync(cluster) == 0, Patience,
            "the cleanup reminder never deleted the expired session's record");
    }

    private static Dictionary<string, string?> ShortPeriods() => new()
    {
        [$"{AuthenticationOptions.Section}:{nameof(AuthenticationOptions.KeyRotationInterval)}"] = ShortPeriod.ToString("c"),
        [$"{AuthenticationOptions.Section}:{nameof(AuthenticationOptions.CleanupInterval)}"] = ShortPeriod.ToString("c"),
        [$"{ActivityOptions.Section}:{nameof(ActivityOptions.ReplayInterval)}"] = ShortPeriod.ToString("c"),
        [$"{AuthenticationOptions.Section}:{nameof(AuthenticationOptions.RefreshTokenLifetime)}"] = ShortPeriod.ToString("c"),
        [$"{AuthenticationOptions.Section}:{nameof(AuthenticationOptions.SessionExpiryBucket)}"] = ShortMinimumPeriod.ToString("c"),
    };

    /// <summary>Refresh sessions with a stored record in the cluster's own schema (clearing a grain's state deletes its row).</summary>
    private static async Task<long> StoredSessionsAsync(StreamCluster cluster)
    {
        await using var connection = new NpgsqlConnection(StreamCluster.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            $"SELECT count(*) FROM {cluster.Schema}.grain_state WHERE state_name = $1", connection);
        query.Parameters.AddWithValue(RefreshSessionGrain.StateName);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>The product's schedules by base name (a schedule's reminder name carries its period after '@').</summary>
    private static Dictionary<string, TimeSpan> SchedulesIn(IReadOnlyDictionary<string, TimeSpan> reminders) =>
        reminders.ToDictionary(reminder => reminder.Key.Split('@')[0], reminder => reminder.Value);

    private static string PrimaryOf(SigningKeySet keys) => keys.Keys.Single(key => key.IsPrimary).KeyId;

    private static Task<IReadOnlyList<DeadLetter>> OpenListenerDeadLettersAsync(StreamCluster cluster) =>
        cluster.SiloService<IDeadLetterStore>().ListAsync(DeadLetterKind.Listener, false, 1000, CancellationToken.None);
}

using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Dailyfeed.Testing.Silos;
using Dailyfeed.Testing.Silos.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans;
using Shouldly;
using Xunit.Abstractions;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Issue #22's crash window, with real Silo processes: the silo that committed a write and its outbox event dies by
/// SIGKILL before any relay published the event (every silo runs with <c>Dailyfeed:Streams:PauseOutboxRelay</c>, so
/// the window stays open as long as the test needs). A restarted silo relays it and the member's activity log shows
/// it exactly once; the same row published a second time (a relay that died after publishing, before deleting the
/// row) is dropped by the consumer's dedup on the message key.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SiloCrashOutboxTests(PrivateBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const string PauseRelay = "Dailyfeed__Streams__PauseOutboxRelay";
    private const string RelayPollInterval = "Dailyfeed__Streams__OutboxPollInterval";
    private const string PausedRelayLog = "Outbox relay paused";
    private const int QueueCount = 4;
    private const int LogTailLines = 40;

    /// <summary>A survivor, so membership can declare the killed silo dead while its replacement joins.</summary>
    private const int PausedSilos = 2;

    /// <summary>A cold silo start, the death being declared and the first relay pass on a loaded 2-core machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>A running relay passes over the outbox every <see cref="RelayPoll"/>.</summary>
    private static readonly TimeSpan RelayPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Twenty passes of a running relay: an event still unpublished after this is held by the switch.</summary>
    private static readonly TimeSpan Held = RelayPoll * 20;

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly List<SiloProcess> _silos = [];
    private string _logDirectory = string.Empty;
    private ClusterResources _resources = null!;
    private IHost? _client;

    private string Schema => $"crash_{_run}";

    private IClusterClient Grains => _client!.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        _logDirectory = Directory.CreateTempSubdirectory($"dailyfeed-crash-{_run}-").FullName;
        _resources = new ClusterResources(StreamCluster.ConnectionString, Schema, new RabbitMqStreamOptions
        {
            HostName = broker.HostName,
            Port = broker.Port,
            QueueNamePrefix = $"crash-{_run}",
            QueueCount = QueueCount,
        });
        // One first: it creates the schema, so the second never races it on the migration.
        for (var i = 0; i < PausedSilos; i++)
        {
            await StartSiloAsync(paused: true);
        }

        _client = await ClusterClientHost.StartAsync(new Dictionary<string, string?>
        {
            ["Dailyfeed:PostgreSql:ConnectionString"] = StreamCluster.ConnectionString,
            ["Dailyfeed:PostgreSql:Schema"] = Schema,
            ["Dailyfeed:Cluster:ClusterId"] = Schema,
            ["Dailyfeed:Cluster:ServiceId"] = Schema,
        });
    }

    [Fact]
    public async Task A_silo_SIGKILLed_between_the_state_write_and_the_publish_has_its_event_delivered_exactly_once_after_restart()
    {
        try
        {
            await KillInTheWindowAndCheckAsync();
        }
        catch (Exception)
        {
            output.WriteLine(string.Join("\n", _silos.Select(s => s.LogTail(LogTailLines))));
            throw;
        }
    }

    private async Task KillInTheWindowAndCheckAsync()
    {
        var first = await Grains.GetGrain<IIdAllocatorGrain>("member").ReserveAsync(2);
        var (follower, target) = (first, first + 1);
        foreach (var id in new[] { follower, target })
        {
            await Grains.GetGrain<IMemberGrain>(id).RegisterAsync(
                new MemberRegistration($"c{id}-{_run}@example.com", "Str0ng!Pass", "Crash", $"c{id}_{_run[..8]}"));
        }

        // Acknowledged: the follower's state and its MEMBER_FOLLOW event are committed together.
        await Grains.GetGrain<IFollowGrain>(FollowEdges.Key(follower, target)).FollowAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(_silos.All(s => s.LogTail(int.MaxValue).Contains(PausedRelayLog))), Patience,
            "every silo logs that its relay is paused");
        await Task.Delay(Held);
        var committed = await OutboxFollowEventsAsync(follower);
        committed.ShouldHaveSingleItem("the acknowledged follow's event waits in the outbox, unpublished");
        (await FollowsAsync(follower, target)).ShouldBe(0, "no relay runs, so nothing was delivered yet");

        var writer = await GrainLocations.SiloOfAsync(Grains, Grains.GetGrain<IMemberGrain>(follower));
        var victim = _silos.Single(s => s.SiloId == writer);
        await victim.KillAsync();
        output.WriteLine($"SIGKILLed {victim}, the silo that wrote the follow, with its event {committed[0].MessageKey} committed and unpublished");

        await StartSiloAsync(paused: false);
        await Eventually.HoldsAsync(async () => await FollowsAsync(follower, target) > 0, Patience,
            "the restarted silo never relayed the committed event");
        await Eventually.HoldsAsync(async () => await OutboxCountAsync() == 0, Patience, "the outbox never drained");
        (await FollowsAsync(follower, target)).ShouldBe(1, "the event is delivered exactly once");

        // The other crash window: a relay that published and died before deleting its row leaves it to be published again.
        await RepublishAsync(committed[0].Json);
        await Eventually.HoldsAsync(async () => await OutboxCountAsync() == 0, Patience, "the republished row never left the outbox");
        // The row left the outbox once the broker confirmed it; its queue empties once the consumer has taken it.
        await Eventually.HoldsAsync(async () => await broker.MessagesAsync(_resources.Broker.QueueNamePrefix) == 0, Patience,
            "the republished event was never consumed");
        (await FollowsAsync(follower, target)).ShouldBe(1, "a second delivery of the same message key is dropped by the consumer");
    }

    private async Task StartSiloAsync(bool paused)
    {
        var id = $"crash-{_silos.Count}-{_run}";
        _silos.Add(await SiloProcess.StartAsync(id, pool: null, _resources, _logDirectory, new Dictionary<string, string>
        {
            [PauseRelay] = paused ? "true" : "false",
            [RelayPollInterval] = RelayPoll.ToString("c"),
        }));
    }

    private async Task<int> FollowsAsync(long follower, long target) =>
        (await Grains.GetGrain<IActivityGrain>(follower).GetPageAsync(new PageRequest(0, 100))).Content
        .Count(a => a.MemberActivityType == MemberActivityType.MEMBER_FOLLOW && a.TargetMemberId == target);

    /// <summary>The follower's MEMBER_FOLLOW rows in the outbox, read straight from PostgreSQL (no relay claims them).</summary>
    private async Task<List<(string MessageKey, string Json)>> OutboxFollowEventsAsync(long follower)
    {
        await using var connection = await OpenAsync();
        await using var query = new NpgsqlCommand(
            $"SELECT event->>'messageKey', event::text FROM {Schema}.stream_outbox WHERE event->>'key' = $1 AND event->>'type' = $2", connection);
        query.Parameters.Add(new NpgsqlParameter { Value = $"{follower}" });
        query.Parameters.Add(new NpgsqlParameter { Value = nameof(MemberActivityType.MEMBER_FOLLOW) });
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task<long> OutboxCountAsync()
    {
        await using var connection = await OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {Schema}.stream_outbox", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private async Task RepublishAsync(string eventJson)
    {
        await using var connection = await OpenAsync();
        await using var insert = new NpgsqlCommand($"INSERT INTO {Schema}.stream_outbox (event) VALUES ($1::jsonb)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = eventJson });
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(StreamCluster.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_client is not null)
            {
                await _client.StopAsync();
                _client.Dispose();
            }
        }
        finally
        {
            await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
            await BrokerObjects.DeleteAsync(_resources.Broker);
            await using (var connection = await OpenAsync())
            {
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }

            Directory.Delete(_logDirectory, recursive: true);
        }
    }
}

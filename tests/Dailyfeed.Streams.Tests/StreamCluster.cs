using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Orleans.Outbox.PostgreSql.Streams;
using Dailyfeed.Orleans.Outbox.Hosting;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Testing.Silos;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Two Orleans silos (both pools) on real PostgreSQL (fresh schema and cluster id) and the production stream provider
/// on the suite's private RabbitMQ node (a fresh queue prefix), with Dailyfeed's grains and short retry timings. The dead-letter store can
/// be switched to failing, and chosen events to poison (their consumer throws while the switch is on).
/// </summary>
public sealed class StreamCluster : IAsyncDisposable
{
    public static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("DAILYFEED_PG_CONNECTION")
        ?? "Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed";

    /// <summary>Fewer queues than production's 8: each is declared, balanced and deleted per run.</summary>
    private const int QueueCount = 4;

    /// <summary>
    /// Delivery attempts before a poison event is dead-lettered (the provider's option, production's default). A
    /// shorter bound would also dead-letter the transient failures of a consumer's first activation on a busy machine.
    /// </summary>
    public const int MaxDeliveryAttempts = 5;

    /// <summary>Relay attempts before an event the broker keeps refusing moves to publisher dead letters.</summary>
    public const int MaxPublishAttempts = 4;

    public static readonly TimeSpan DeliveryRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>How much longer than the provider's retry window a poison event may hold its stream on a loaded CI machine.</summary>
    public static readonly TimeSpan PoisonBlockSlack = TimeSpan.FromSeconds(9);

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];

    private readonly PrivateBroker _broker;

    private StreamCluster(PrivateBroker broker)
    {
        _broker = broker;
    }

    public SiloHostCluster Cluster { get; private set; } = null!;

    /// <summary>Makes every silo's listener dead-letter writes fail while on.</summary>
    public DeadLetterSwitch DeadLetters { get; } = new();

    /// <summary>Makes the consumers of chosen events throw, wherever they are delivered.</summary>
    public PoisonSwitch Poison { get; } = new();

    public string Schema => $"st_{_run}";

    /// <summary>The cluster id (and service id) of this run, which a gateway of the cluster must use too.</summary>
    public string ClusterId => Schema;

    /// <param name="overrides">Settings on top of <see cref="Settings"/> (a test's own timings).</param>
    /// <param name="configureSilos">Extra services for every silo, registered after the cluster's own.</param>
    public static async Task<StreamCluster> DeployAsync(
        PrivateBroker broker,
        int silos = 2,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configureSilos = null)
    {
        var cluster = new StreamCluster(broker);
        var settings = cluster.Settings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        cluster.Cluster = new SiloHostCluster(settings, services =>
        {
            // Registered last, so this wins over the store's own registration.
            services.AddSingleton<IDeadLetterStore>(sp =>
                new SwitchableDeadLetterStore(ActivatorUtilities.CreateInstance<PostgreSqlDeadLetterStore>(sp), cluster.DeadLetters));
            services.AddSingleton<IOutgoingGrainCallFilter>(new PoisonFilter(cluster.Poison));
            configureSilos?.Invoke(services);
        }, configureOrleans: silo => silo.AddDailyfeedRabbitMqStreams());
        await cluster.Cluster.DeployAsync(silos);
        return cluster;
    }

    /// <summary>What the silos read from configuration, in the keys a deployed silo reads (timings cut for tests).</summary>
    private Dictionary<string, string?> Settings() => new()
    {
        // PBKDF2 at full cost makes every signup ~100 ms on CI cores; these tests check streams, not hashing cost.
        ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
        ["Dailyfeed:PostgreSql:ConnectionString"] = ConnectionString,
        ["Dailyfeed:PostgreSql:Schema"] = Schema,
        ["Dailyfeed:Cluster:ClusterId"] = ClusterId,
        ["Dailyfeed:Cluster:ServiceId"] = ClusterId,
        ["Dailyfeed:RabbitMq:HostName"] = _broker.HostName,
        ["Dailyfeed:RabbitMq:Port"] = $"{_broker.Port}",
        ["Dailyfeed:RabbitMq:QueueNamePrefix"] = QueuePrefix,
        ["Dailyfeed:RabbitMq:QueueCount"] = $"{QueueCount}",
        ["Dailyfeed:RabbitMq:MaxDeliveryAttempts"] = $"{MaxDeliveryAttempts}",
        ["Dailyfeed:RabbitMq:DeliveryRetryDelay"] = DeliveryRetryDelay.ToString("c"),
        ["Dailyfeed:RabbitMq:NetworkRecoveryInterval"] = "00:00:00.500",
        ["Dailyfeed:RabbitMq:PublishTimeout"] = "00:00:05",
        ["Dailyfeed:Resilience:Broker:BreakDuration"] = "00:00:00.500",
        ["Dailyfeed:Streams:OutboxPollInterval"] = "00:00:00.100",
        ["Dailyfeed:Streams:MaxPublishAttempts"] = $"{MaxPublishAttempts}",
        ["Dailyfeed:Streams:PublishBackoff"] = "00:00:00.100",
        ["Dailyfeed:Streams:MaxPublishBackoff"] = "00:00:00.500",
        ["Dailyfeed:Streams:DeadLetterClaimTimeout"] = "00:00:30",
    };

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The names of this run's partition queues start with this.</summary>
    public string QueuePrefix => $"test-{_run}";

    /// <summary>The broker queues (partitions) of this run's stream provider.</summary>
    public IReadOnlyList<string> QueueNames => [.. Enumerable.Range(0, QueueCount).Select(index => $"{QueuePrefix}-{index}")];

    /// <summary>A client of the run's broker for a test's own channels (beside the provider's).</summary>
    public RabbitMQ.Client.ConnectionFactory BrokerConnectionFactory() => new() { HostName = _broker.HostName, Port = _broker.Port };

    /// <summary>Publishes on the member's Orleans stream from a silo, as the outbox relay does.</summary>
    public Task PublishAsync(StreamEvent streamEvent) =>
        SiloService<IClusterClient>().GetStreamProvider(DailyfeedStreams.ProviderName)
            .GetStream<StreamEvent>(StreamId.Create(streamEvent.Stream, streamEvent.Key))
            .OnNextAsync(streamEvent);

    /// <summary>Every reminder of this cluster in PostgreSQL's reminder table: its name and its period.</summary>
    public async Task<IReadOnlyDictionary<string, TimeSpan>> RemindersAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand($"SELECT reminder_name, period_ms FROM {Schema}.orleans_reminder WHERE service_id = $1", connection);
        query.Parameters.AddWithValue(ClusterId);
        await using var reader = await query.ExecuteReaderAsync();
        var reminders = new Dictionary<string, TimeSpan>();
        while (await reader.ReadAsync())
        {
            reminders[reader.GetString(0)] = TimeSpan.FromMilliseconds(reader.GetInt64(1));
        }

        return reminders;
    }

    private async Task DeleteBrokerObjectsAsync()
    {
        await using var connection = await BrokerConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queueName in QueueNames)
        {
            await channel.QueueDeleteAsync(queueName, ifUnused: false, ifEmpty: false);
        }
    }

    /// <summary>A silo's own view of the store and stream provider (any silo: they share both).</summary>
    public T SiloService<T>() where T : notnull => Cluster.Silos[0].Services.GetRequiredService<T>();

    public async Task<IReadOnlyList<MemberActivity>> ActivitiesAsync(long memberId) =>
        (await Grains.GetGrain<IActivityGrain>(memberId).GetPageAsync(new PageRequest(0, 1000))).Content;

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await DeleteBrokerObjectsAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

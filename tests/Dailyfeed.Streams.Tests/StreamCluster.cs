using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Runtime.PostgreSql.Streams;
using Dailyfeed.Runtime.RabbitMQ;
using Dailyfeed.Runtime.Streams;
using Dailyfeed.Testing.Silos;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Two Orleans silos (both pools) on real PostgreSQL (fresh schema and cluster id) and real RabbitMQ (a fresh
/// exchange and queue prefix), with Dailyfeed's grains and short retry timings. The dead-letter store can be switched
/// to failing.
/// </summary>
public sealed class StreamCluster : IAsyncDisposable
{
    public static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("DAILYFEED_PG_CONNECTION")
        ?? "Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed";

    private const int RetainedDaysToClean = 8;
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];

    private StreamCluster()
    {
    }

    public SiloHostCluster Cluster { get; private set; } = null!;

    /// <summary>Makes every silo's listener dead-letter writes fail while on.</summary>
    public DeadLetterSwitch DeadLetters { get; } = new();

    public string Schema => $"st_{_run}";

    /// <summary>The cluster id (and service id) of this run, which a gateway of the cluster must use too.</summary>
    public string ClusterId => Schema;

    public static async Task<StreamCluster> DeployAsync(int silos = 2)
    {
        var cluster = new StreamCluster();
        cluster.Cluster = new SiloHostCluster(cluster.Settings(), services =>
        {
            services.AddRabbitMqStreams();
            // Registered last, so this wins over the store's own registration.
            services.AddSingleton<IDeadLetterStore>(sp =>
                new SwitchableDeadLetterStore(ActivatorUtilities.CreateInstance<PostgreSqlDeadLetterStore>(sp), cluster.DeadLetters));
        });
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
        ["Dailyfeed:RabbitMq:Exchange"] = $"test.{_run}",
        ["Dailyfeed:RabbitMq:QueuePrefix"] = $"test.{_run}.",
        ["Dailyfeed:RabbitMq:PartitionRefreshInterval"] = "00:00:00.500",
        ["Dailyfeed:RabbitMq:ReconnectInterval"] = "00:00:00.500",
        ["Dailyfeed:Resilience:Broker:BreakDuration"] = "00:00:00.500",
        ["Dailyfeed:Streams:OutboxPollInterval"] = "00:00:00.100",
        ["Dailyfeed:Streams:MaxPublishAttempts"] = "4",
        ["Dailyfeed:Streams:PublishBackoff"] = "00:00:00.100",
        ["Dailyfeed:Streams:MaxPublishBackoff"] = "00:00:00.500",
        ["Dailyfeed:Streams:DeliveryRetryDelay"] = "00:00:00.050",
        ["Dailyfeed:Streams:RedeliveryDelay"] = "00:00:00.200",
        ["Dailyfeed:Streams:DeadLetterClaimTimeout"] = "00:00:30",
    };

    public IGrainFactory Grains => Cluster.Client;

    private async Task DeleteBrokerObjectsAsync()
    {
        await using var connection = await new RabbitMQ.Client.ConnectionFactory { HostName = "127.0.0.1" }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // Consumers declare a partition per retained day (7 back by default) and a run may cross midnight.
        foreach (var day in Enumerable.Range(-RetainedDaysToClean, RetainedDaysToClean + 2).Select(d => DateTimeOffset.UtcNow.AddDays(d)))
        {
            await channel.QueueDeleteAsync($"test.{_run}.{ActivityStreams.MemberActivity}-{day.UtcDateTime:yyyyMMdd}", ifUnused: false, ifEmpty: false);
        }

        await channel.ExchangeDeleteAsync($"test.{_run}");
    }

    /// <summary>A silo's own view of the store and broker (any silo: they share both).</summary>
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

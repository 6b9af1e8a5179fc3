using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Hosting;
using Dailyfeed.Runtime;
using Dailyfeed.Runtime.PostgreSql.Hosting;
using Dailyfeed.Runtime.PostgreSql.Streams;
using Dailyfeed.Runtime.RabbitMQ;
using Dailyfeed.Runtime.Resilience;
using Dailyfeed.Runtime.Streams;
using Dailyfeed.Runtime.Testing;
using Dailyfeed.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Two silos (both pools) on real PostgreSQL (fresh schema) and real RabbitMQ (a fresh exchange and queue prefix), with
/// Dailyfeed's grains and short retry timings. The dead-letter store can be switched to failing.
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

    public TestCluster Cluster { get; private set; } = null!;

    public SwitchableDeadLetterStore DeadLetters { get; private set; } = null!;

    public string Schema => $"st_{_run}";

    public static async Task<StreamCluster> DeployAsync(int silos = 2)
    {
        var cluster = new StreamCluster();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dailyfeed:Members:PasswordHashIterations"] = "1000",
        }).Build();
        var builder = TestCluster.Create()
            .AddGrains(typeof(DailyfeedGrainsServiceCollectionExtensions).Assembly)
            .UseStore(s =>
            {
                s.AddPostgreSqlClusterStore(o =>
                {
                    o.ConnectionString = ConnectionString;
                    o.Schema = cluster.Schema;
                });
                s.AddPostgreSqlSearch();
                s.AddSingleton<IDeadLetterStore>(sp =>
                    cluster.DeadLetters ??= new SwitchableDeadLetterStore(ActivatorUtilities.CreateInstance<PostgreSqlDeadLetterStore>(sp)));
                s.AddRabbitMqStreams(o =>
                {
                    o.Exchange = $"test.{cluster._run}";
                    o.QueuePrefix = $"test.{cluster._run}.";
                    o.PartitionRefreshInterval = TimeSpan.FromMilliseconds(500);
                    o.ReconnectInterval = TimeSpan.FromMilliseconds(500);
                });
                s.Configure<ResilienceOptions>(o => o.Broker.BreakDuration = TimeSpan.FromMilliseconds(500));
                s.Configure<StreamOptions>(o =>
                {
                    o.OutboxPollInterval = TimeSpan.FromMilliseconds(100);
                    o.MaxPublishAttempts = 4;
                    o.PublishBackoff = TimeSpan.FromMilliseconds(100);
                    o.MaxPublishBackoff = TimeSpan.FromMilliseconds(500);
                    o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(50);
                    o.RedeliveryDelay = TimeSpan.FromMilliseconds(200);
                    o.DeadLetterClaimTimeout = TimeSpan.FromSeconds(30);
                });
            })
            .ConfigureServices(s => s.AddDailyfeedGrains(configuration));
        for (var i = 0; i < silos; i++)
        {
            builder.AddSilo();
        }

        cluster.Cluster = await builder.DeployAsync();
        return cluster;
    }

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

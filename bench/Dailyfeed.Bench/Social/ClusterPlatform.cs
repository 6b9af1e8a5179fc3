using Npgsql;

namespace Dailyfeed.Bench.Social;

/// <summary>
/// The platform in cluster mode: one write silo, one read silo and the gateway in cluster mode, each its own process on
/// free loopback ports, on a fresh PostgreSQL schema and RabbitMQ queue prefix; logs to files. Disposing stops every
/// process started so far, deletes the run's queues and drops the schema, also when starting failed halfway.
/// </summary>
public sealed class ClusterPlatform : IAsyncDisposable
{
    private readonly ClusterSettings _settings;
    private readonly List<PlatformProcess> _processes = [];
    private readonly string _data;

    private ClusterPlatform(ClusterSettings settings, string data)
    {
        _settings = settings;
        _data = data;
    }

    /// <summary>The gateway: the address clients use, its CPU and /metrics.</summary>
    public PlatformProcess Gateway => _processes[^1];

    /// <summary>Gateway first, then the silos, for per-process reports.</summary>
    public IReadOnlyList<PlatformProcess> Processes => [Gateway, .. _processes.SkipLast(1)];

    public string Schema => _settings.Schema;

    public static async Task<ClusterPlatform> StartAsync(string repositoryRoot, ClusterOptions cluster, SocialOptions social)
    {
        var run = $"bench_{Guid.NewGuid():N}"[..18];
        var settings = new ClusterSettings(cluster.PostgreSqlConnection, run, $"dailyfeed.{run}.", cluster, social);
        var platform = new ClusterPlatform(settings, Directory.CreateTempSubdirectory("dailyfeed-bench-cluster-").FullName);
        Directory.CreateDirectory(cluster.LogFolder);
        try
        {
            var silo = PlatformProcess.HostAssembly(repositoryRoot, "Silo", "Dailyfeed.Silo.dll");
            var gateway = PlatformProcess.HostAssembly(repositoryRoot, "Gateway.Api", "Dailyfeed.Gateway.Api.dll");
            await platform.LaunchAsync("write silo", silo, Path.Combine(repositoryRoot, "Silo"), settings.Silo("write", PlatformProcess.FreePort()));
            await platform.LaunchAsync("read silo", silo, Path.Combine(repositoryRoot, "Silo"), settings.Silo("read", PlatformProcess.FreePort()));
            await platform.LaunchAsync("gateway", gateway, Path.Combine(repositoryRoot, "Gateway.Api"), settings.Gateway(Path.Combine(platform._data, "images")));
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    private async Task LaunchAsync(string name, string assembly, string contentRoot, IReadOnlyDictionary<string, string> environment)
    {
        var log = Path.Combine(_settings.Cluster.LogFolder, $"{_settings.Schema}-{name.Replace(' ', '-')}.log");
        Console.Error.WriteLine($"  {name}: log {log}");
        var address = new Uri($"http://127.0.0.1:{PlatformProcess.FreePort()}");
        _processes.Add(await PlatformProcess.LaunchAsync(name, assembly, contentRoot, address, environment, log, data: null));
    }

    public async ValueTask DisposeAsync()
    {
        // The gateway first, so no request reaches a stopping silo; then the silos, then the store.
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
        await RunQueues.DeleteAsync(_settings.Cluster, _settings.QueuePrefix);
        try
        {
            await using var connection = new NpgsqlConnection(_settings.PostgreSqlConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_settings.Schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine($"could not drop schema {_settings.Schema}: {ex.Message}");
        }
    }
}

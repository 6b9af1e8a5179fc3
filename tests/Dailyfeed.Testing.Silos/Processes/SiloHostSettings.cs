using System.Reflection;
using System.Text.RegularExpressions;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;

namespace Dailyfeed.Testing.Silos.Processes;

/// <summary>
/// Everything the harness knows about the Silo host: where its build output is, the environment that puts one
/// process in a pool of a cluster (PostgreSQL membership and state, RabbitMQ streams), and how it reports its HTTP
/// address and grain count. The Orleans port changes this file only; the harness and the tests stay as they are.
/// </summary>
public static partial class SiloHostSettings
{
    private const string SiloAssembly = "Dailyfeed.Silo.dll";

    /// <summary>Silo and gateway ports: free ones, picked by the silo, which advertises them in membership.</summary>
    private const string AnyFreePort = "0";

    /// <summary>Signups hash at full cost otherwise (~100 ms a signup on CI cores); the test measures failover, not PBKDF2.</summary>
    private const string CheapPasswordHashIterations = "1000";

    /// <summary>The build configuration of this test assembly, the one whose host builds the real-process tests start.</summary>
    public static string BuildConfiguration =>
        typeof(SiloHostSettings).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The Silo build output of the same configuration as this test assembly, built by the solution build.</summary>
    public static string SiloDllOrThrow()
    {
        var dll = Path.Combine(RepositoryRootOrThrow(), "Silo", "bin", BuildConfiguration, "net10.0", SiloAssembly);
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException(
                $"The real-process tests need the Silo host built: run `dotnet build Dailyfeed.sln -c {BuildConfiguration}` first. Missing: {dll}", dll);
    }

    /// <summary>
    /// The environment of one silo process; <paramref name="siloId"/> names it in membership and in its metrics, and
    /// <paramref name="address"/> is where it serves probes and metrics (both of its listeners log "Now listening on",
    /// so the harness chooses this one rather than reading it back).
    /// </summary>
    public static Dictionary<string, string> Environment(string siloId, string? pool, Uri address, ClusterResources resources)
    {
        var environment = BaseEnvironment(siloId, address, resources);
        if (pool is not null)
        {
            environment["Dailyfeed__Silo__Pools__0"] = pool;
        }

        return environment;
    }

    private static Dictionary<string, string> BaseEnvironment(string siloId, Uri address, ClusterResources resources) => new()
    {
        ["Urls"] = address.ToString(),
        ["Dailyfeed__Silo__Name"] = siloId,
        ["Dailyfeed__Silo__ListenAddress"] = "127.0.0.1",
        ["Dailyfeed__Silo__Port"] = AnyFreePort,
        ["Dailyfeed__Silo__GatewayPort"] = AnyFreePort,
        ["Dailyfeed__Cluster__ClusterId"] = resources.Schema,
        ["Dailyfeed__Cluster__ServiceId"] = resources.Schema,
        ["Dailyfeed__PostgreSql__ConnectionString"] = resources.StoreConnectionString,
        ["Dailyfeed__PostgreSql__Schema"] = resources.Schema,
        ["Dailyfeed__RabbitMq__HostName"] = resources.Broker.HostName,
        ["Dailyfeed__RabbitMq__Port"] = resources.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Dailyfeed__RabbitMq__UserName"] = resources.Broker.UserName,
        ["Dailyfeed__RabbitMq__Password"] = resources.Broker.Password,
        ["Dailyfeed__RabbitMq__QueueNamePrefix"] = resources.Broker.QueueNamePrefix,
        ["Dailyfeed__RabbitMq__QueueCount"] = resources.Broker.QueueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Dailyfeed__Members__PasswordHashIterations"] = CheapPasswordHashIterations,
    };

    public const string ReadinessPath = "/healthcheck/ready";

    public const string MetricsPath = "/metrics";

    /// <summary>The host's count of live grain activations, from its Prometheus text.</summary>
    public static int ActivationCountOrThrow(string metrics) =>
        ActivationGauge().Match(metrics) is { Success: true } match
            ? int.Parse(match.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No activation gauge in the silo's metrics:\n{metrics}");

    /// <summary>How many silos the host routes to, from the description its readiness check gives ("4 active silos").</summary>
    public static int MembershipSizeOrThrow(string readinessBody) =>
        MembershipSize().Match(readinessBody) is { Success: true } match
            ? int.Parse(match.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No membership size in the silo's readiness answer: {readinessBody}");

    public static string RepositoryRootOrThrow()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dailyfeed.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Dailyfeed.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^dailyfeed_activations\{[^}]*\} (?<count>\d+)", RegexOptions.Multiline)]
    private static partial Regex ActivationGauge();

    [GeneratedRegex(@"""description"":""(?<count>\d+) active silos""")]
    private static partial Regex MembershipSize();
}

/// <summary>What one cluster's silos share and the harness removes afterwards: a schema and the broker's exchange and queues.</summary>
public sealed record ClusterResources(string StoreConnectionString, string Schema, RabbitMqStreamOptions Broker);

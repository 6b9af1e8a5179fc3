using System.Globalization;

namespace Dailyfeed.Bench.Social;

/// <summary>
/// Every setting of the cluster-mode platform's processes, in one place: the shared store and broker, each silo's pool
/// and ports, the gateway's mode. The Orleans port changes the hosts behind these settings, so it changes only this file.
/// </summary>
/// <param name="PostgreSqlConnection">The role that may create schemas (the bench's DAILYFEED_PG_CONNECTION).</param>
/// <param name="Schema">A fresh schema of this run: runtime tables, grain state and the search index.</param>
/// <param name="QueuePrefix">A fresh RabbitMQ queue prefix of this run, so it shares the broker with nobody.</param>
public sealed record ClusterSettings(string PostgreSqlConnection, string Schema, string QueuePrefix, ClusterOptions Cluster, SocialOptions Social)
{
    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>What every process reads: the store, and quiet logs (one JSON line per request would measure the log).</summary>
    private Dictionary<string, string> Common() => new()
    {
        ["Dailyfeed__PostgreSql__ConnectionString"] = PostgreSqlConnection,
        ["Dailyfeed__PostgreSql__Schema"] = Schema,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>A silo of one pool ("write" or "read") with its silo-to-silo port; its HTTP port serves probes and /metrics.</summary>
    public IReadOnlyDictionary<string, string> Silo(string pool, int siloPort)
    {
        var settings = Common();
        settings["Dailyfeed__Silo__Pools__0"] = pool;
        settings["Dailyfeed__Silo__ListenAddress"] = "127.0.0.1";
        settings["Dailyfeed__Silo__AdvertisedHost"] = "127.0.0.1";
        settings["Dailyfeed__Silo__Port"] = Text(siloPort);
        // As deployed: clients enter through read silos only (see SiloEndpointOptions.AcceptClients).
        settings["Dailyfeed__Silo__AcceptClients"] = pool == "read" ? "true" : "false";
        settings["Dailyfeed__RabbitMq__HostName"] = Cluster.RabbitMqHost;
        settings["Dailyfeed__RabbitMq__Port"] = Text(Cluster.RabbitMqPort);
        settings["Dailyfeed__RabbitMq__UserName"] = Cluster.RabbitMqUser;
        settings["Dailyfeed__RabbitMq__Password"] = Cluster.RabbitMqPassword;
        settings["Dailyfeed__RabbitMq__QueueNamePrefix"] = QueuePrefix;
        settings["Dailyfeed__RabbitMq__QueueCount"] = Text(Cluster.StreamQueueCount);
        // Grains hash passwords; PBKDF2 at full cost would make loading 962 members measure hashing.
        settings["Dailyfeed__Members__PasswordHashIterations"] = Text(Social.SetupPasswordHashIterations);
        return settings;
    }

    /// <summary>The gateway as a client of the cluster, rate limits off as in the embedded run.</summary>
    public IReadOnlyDictionary<string, string> Gateway(string imageFolder)
    {
        var settings = Common();
        settings["Dailyfeed__Gateway__Mode"] = "Cluster";
        settings["Dailyfeed__Images__StoragePath"] = imageFolder;
        // The load comes from one address and a few members: budgets off, so the numbers measure the platform.
        settings["Dailyfeed__RateLimiting__PerIpPermitLimit"] = Text(int.MaxValue);
        settings["Dailyfeed__RateLimiting__PerMemberPermitLimit"] = Text(int.MaxValue);
        return settings;
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dailyfeed.Gateway.Tests;

/// <summary>
/// The embedded default (gateway + one silo on SQLite) in-process. By default on a fresh database file it deletes
/// when disposed; given a file, it leaves it for the next factory, which is how a test restarts the platform.
/// </summary>
public sealed class EmbeddedGatewayFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;
    private readonly string _database;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <summary>A fresh database, deleted on dispose (xUnit fixtures need this single public constructor).</summary>
    public EmbeddedGatewayFactory()
        : this(null, new Dictionary<string, string?>())
    {
    }

    private EmbeddedGatewayFactory(string? database, IReadOnlyDictionary<string, string?> settings)
    {
        _ownsDatabase = database is null;
        _database = database ?? TemporaryDatabase();
        _settings = settings;
    }

    /// <summary>A platform on <paramref name="database"/>, left in place for the next one.</summary>
    public static EmbeddedGatewayFactory On(string database, IReadOnlyDictionary<string, string?> settings) => new(database, settings);

    public static string TemporaryDatabase() => Path.Combine(Path.GetTempPath(), $"dailyfeed-gw-{Guid.NewGuid():N}.db");

    public static void DeleteDatabase(string database)
    {
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Dailyfeed:Gateway:Mode", "Embedded");
        builder.UseSetting("Dailyfeed:Sqlite:DataSource", _database);
        builder.UseSetting("Dailyfeed:Silo:Port", "0");
        // Writes wait for the change notice to the (here local) read-pool copies; a loaded CI machine may take longer
        // than the production bound of 1 s, and a notice given up on would leave a copy stale for the next read.
        builder.UseSetting("Dailyfeed:PoolBroadcast:Timeout", "00:00:30");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsDatabase)
        {
            DeleteDatabase(_database);
        }
    }
}

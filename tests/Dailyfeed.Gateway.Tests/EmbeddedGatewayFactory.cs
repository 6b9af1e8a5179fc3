using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dailyfeed.Gateway.Tests;

/// <summary>The embedded default (gateway + one silo on SQLite) in-process, on a fresh database file per factory.</summary>
public sealed class EmbeddedGatewayFactory : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"dailyfeed-gw-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Dailyfeed:Gateway:Mode", "Embedded");
        builder.UseSetting("Dailyfeed:Sqlite:DataSource", _database);
        builder.UseSetting("Dailyfeed:Silo:Port", "0");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }
}

using Dailyfeed.Runtime.Sqlite.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.Tests.Stores;

/// <summary>The embedded default's store: one SQLite file shared by every silo of the process.</summary>
public sealed class SqliteStoreProfile : StoreProfile
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dailyfeed-test-{Guid.NewGuid():N}.db");

    public override void Register(IServiceCollection services) => services.AddSqliteClusterStore(o => o.DataSource = _path);

    public override ValueTask DisposeAsync()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A silo killed mid-test may still hold the file briefly; the temp folder is cleaned by the OS.
            }
        }

        return ValueTask.CompletedTask;
    }
}

using Dailyfeed.Runtime.Providers.Tests.Contracts;
using Dailyfeed.Runtime.Sqlite.Storage;
using Dailyfeed.Runtime.Sqlite.Streams;
using Dailyfeed.Runtime.Storage;
using Dailyfeed.Runtime.Streams;

namespace Dailyfeed.Runtime.Providers.Tests.Sqlite;

public sealed class SqliteGrainStorageTests : GrainStorageContractTests
{
    private readonly SqliteTestFile _file = new();

    protected override IStreamOutboxStore Outbox => new SqliteOutboxStore(_file.Database, TimeProvider.System);

    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage(_file.Database, TimeProvider.System));

    public override Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }
}

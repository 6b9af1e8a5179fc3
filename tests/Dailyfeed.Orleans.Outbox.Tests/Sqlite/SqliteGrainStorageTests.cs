using Dailyfeed.Orleans.Outbox.Sqlite.Storage;
using Dailyfeed.Orleans.Outbox.Sqlite.Streams;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Orleans.Outbox.Tests.Contracts;

namespace Dailyfeed.Orleans.Outbox.Tests.Sqlite;

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

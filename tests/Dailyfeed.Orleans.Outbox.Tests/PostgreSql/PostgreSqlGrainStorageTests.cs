using Dailyfeed.Orleans.Outbox.PostgreSql.Storage;
using Dailyfeed.Orleans.Outbox.PostgreSql.Streams;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Orleans.Outbox.Tests.Contracts;

namespace Dailyfeed.Orleans.Outbox.Tests.PostgreSql;

public sealed class PostgreSqlGrainStorageTests : GrainStorageContractTests
{
    private readonly PostgreSqlTestSchema _schema = new();

    protected override IStreamOutboxStore Outbox => new PostgreSqlOutboxStore(_schema.Database);

    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new PostgreSqlGrainStorage(_schema.Database));

    public override async Task DisposeAsync() => await _schema.DisposeAsync();
}

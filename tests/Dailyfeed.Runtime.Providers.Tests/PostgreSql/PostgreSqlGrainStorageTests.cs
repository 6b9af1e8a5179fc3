using Dailyfeed.Runtime.PostgreSql.Storage;
using Dailyfeed.Runtime.PostgreSql.Streams;
using Dailyfeed.Runtime.Providers.Tests.Contracts;
using Dailyfeed.Runtime.Storage;
using Dailyfeed.Runtime.Streams;

namespace Dailyfeed.Runtime.Providers.Tests.PostgreSql;

public sealed class PostgreSqlGrainStorageTests : GrainStorageContractTests
{
    private readonly PostgreSqlTestSchema _schema = new();

    protected override IStreamOutboxStore Outbox => new PostgreSqlOutboxStore(_schema.Database);

    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new PostgreSqlGrainStorage(_schema.Database));

    public override async Task DisposeAsync() => await _schema.DisposeAsync();
}

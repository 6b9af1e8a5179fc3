using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Orleans.Outbox.Tests.Contracts;

namespace Dailyfeed.Orleans.Outbox.Tests.InMemory;

public sealed class InMemoryGrainStorageTests : GrainStorageContractTests
{
    private readonly InMemoryStreamOutbox _outbox = new(new InMemoryDeadLetterStore());

    protected override IStreamOutboxStore Outbox => _outbox;

    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new InMemoryGrainStorage(_outbox));
}

using Dailyfeed.Runtime.Providers.Tests.Contracts;
using Dailyfeed.Runtime.Storage;
using Dailyfeed.Runtime.Streams;

namespace Dailyfeed.Runtime.Providers.Tests.InMemory;

public sealed class InMemoryGrainStorageTests : GrainStorageContractTests
{
    private readonly InMemoryStreamOutbox _outbox = new(new InMemoryDeadLetterStore());

    protected override IStreamOutboxStore Outbox => _outbox;

    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new InMemoryGrainStorage(_outbox));
}

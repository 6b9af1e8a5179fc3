using Dailyfeed.Runtime.Providers.Tests.Contracts;
using Dailyfeed.Runtime.Reminders;

namespace Dailyfeed.Runtime.Providers.Tests.InMemory;

public sealed class InMemoryReminderTableTests : ReminderTableContractTests
{
    protected override Task<IReminderTable> CreateTableAsync() => Task.FromResult<IReminderTable>(new InMemoryReminderTable());
}

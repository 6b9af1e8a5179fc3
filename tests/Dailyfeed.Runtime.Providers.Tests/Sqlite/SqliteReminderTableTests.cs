using Dailyfeed.Runtime.Providers.Tests.Contracts;
using Dailyfeed.Runtime.Reminders;
using Dailyfeed.Runtime.Sqlite.Reminders;

namespace Dailyfeed.Runtime.Providers.Tests.Sqlite;

public sealed class SqliteReminderTableTests : ReminderTableContractTests
{
    private readonly SqliteTestFile _file = new();

    protected override Task<IReminderTable> CreateTableAsync() => Task.FromResult<IReminderTable>(new SqliteReminderTable(_file.Database));

    public override Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }
}

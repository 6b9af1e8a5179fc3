using Dailyfeed.Runtime.PostgreSql.Reminders;
using Dailyfeed.Runtime.Providers.Tests.Contracts;
using Dailyfeed.Runtime.Reminders;

namespace Dailyfeed.Runtime.Providers.Tests.PostgreSql;

public sealed class PostgreSqlReminderTableTests : ReminderTableContractTests
{
    private readonly PostgreSqlTestSchema _schema = new();

    protected override Task<IReminderTable> CreateTableAsync() => Task.FromResult<IReminderTable>(new PostgreSqlReminderTable(_schema.Database));

    public override async Task DisposeAsync() => await _schema.DisposeAsync();
}

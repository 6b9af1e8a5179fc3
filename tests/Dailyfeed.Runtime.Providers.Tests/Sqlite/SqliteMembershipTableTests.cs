using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Providers.Tests.Contracts;
using Dailyfeed.Runtime.Sqlite.Membership;

namespace Dailyfeed.Runtime.Providers.Tests.Sqlite;

public sealed class SqliteMembershipTableTests : MembershipTableContractTests
{
    private readonly SqliteTestFile _file = new();

    protected override Task<IMembershipTable> CreateTableAsync() =>
        Task.FromResult<IMembershipTable>(new SqliteMembershipTable(_file.Database, TimeProvider.System));

    public override Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }
}

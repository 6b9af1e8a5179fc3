using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.PostgreSql.Membership;
using Dailyfeed.Runtime.Providers.Tests.Contracts;

namespace Dailyfeed.Runtime.Providers.Tests.PostgreSql;

public sealed class PostgreSqlMembershipTableTests : MembershipTableContractTests
{
    private readonly PostgreSqlTestSchema _schema = new();

    protected override Task<IMembershipTable> CreateTableAsync() => Task.FromResult<IMembershipTable>(new PostgreSqlMembershipTable(_schema.Database));

    public override async Task DisposeAsync() => await _schema.DisposeAsync();
}

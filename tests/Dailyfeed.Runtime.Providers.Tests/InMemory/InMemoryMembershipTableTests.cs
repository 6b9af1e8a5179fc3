using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Providers.Tests.Contracts;

namespace Dailyfeed.Runtime.Providers.Tests.InMemory;

public sealed class InMemoryMembershipTableTests : MembershipTableContractTests
{
    protected override Task<IMembershipTable> CreateTableAsync() => Task.FromResult<IMembershipTable>(new InMemoryMembershipTable());
}

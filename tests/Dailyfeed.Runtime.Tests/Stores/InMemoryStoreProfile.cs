using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Reminders;
using Dailyfeed.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.Tests.Stores;

public sealed class InMemoryStoreProfile : StoreProfile
{
    private readonly InMemoryGrainStorage _storage = new();
    private readonly InMemoryMembershipTable _membership = new();
    private readonly InMemoryReminderTable _reminders = new();

    public override void Register(IServiceCollection services)
    {
        services.AddSingleton<IGrainStorage>(_storage);
        services.AddSingleton<IMembershipTable>(_membership);
        services.AddSingleton<IReminderTable>(_reminders);
    }
}

using Dailyfeed.Bench.Grains;
using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Reminders;
using Dailyfeed.Runtime.Storage;
using Dailyfeed.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Bench.Runtime;

/// <summary>In-memory test clusters for runtime measurements: nothing but the runtime is on the path.</summary>
public static class BenchCluster
{
    private static readonly TimeSpan NeverIdle = TimeSpan.FromHours(1);

    public static Task<TestCluster> DeployAsync(int silos)
    {
        var storage = new InMemoryGrainStorage();
        var membership = new InMemoryMembershipTable();
        var reminders = new InMemoryReminderTable();
        var builder = TestCluster.Create()
            .AddGrains(typeof(PingGrain).Assembly)
            .UseStore(s =>
            {
                s.AddSingleton<IGrainStorage>(storage);
                s.AddSingleton<IMembershipTable>(membership);
                s.AddSingleton<IReminderTable>(reminders);
            })
            .ConfigureServices(s => s.Configure<ActivationOptions>(o =>
            {
                o.IdleTimeout = NeverIdle;
                o.CollectionInterval = NeverIdle;
            }));
        for (var i = 0; i < silos; i++)
        {
            builder.AddSilo();
        }

        return builder.DeployAsync();
    }
}

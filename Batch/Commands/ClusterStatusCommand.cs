using System.CommandLine;
using Dailyfeed.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Batch.Commands;

/// <summary>`cluster-status`: the silos whose lease is live, as every silo and gateway sees them.</summary>
internal static class ClusterStatusCommand
{
    public static Command Create(IServiceProvider services)
    {
        var command = new Command("cluster-status", "List live silos (id, address, pools, status, last heartbeat). Exit 0 when at least one silo is live, 3 when none is.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var table = services.GetRequiredService<IMembershipTable>();
            var lease = services.GetRequiredService<IOptions<MembershipOptions>>().Value.LeaseDuration;
            var silos = await table.ReadLiveAsync(lease, cancellationToken);
            Console.WriteLine($"{"SILO",-20} {"ADDRESS",-22} {"POOLS",-12} {"STATUS",-8} LAST HEARTBEAT (UTC)");
            foreach (var silo in silos.OrderBy(s => s.SiloId, StringComparer.Ordinal))
            {
                Console.WriteLine($"{silo.SiloId,-20} {silo.Address,-22} {string.Join('+', silo.Pools),-12} {silo.Status,-8} {silo.LastHeartbeat.UtcDateTime:O}");
            }

            Console.WriteLine($"{silos.Count} live silo(s), lease {lease.TotalSeconds:0.#} s");
            return silos.Count > 0 ? ExitCodes.Success : ExitCodes.NothingLive;
        });
        return command;
    }
}

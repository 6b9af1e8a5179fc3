using System.CommandLine;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Batch.Commands;

/// <summary>`cluster-status`: the cluster's silos as Orleans membership records them, read through a live silo.</summary>
internal static class ClusterStatusCommand
{
    public static Command Create(ClusterSession cluster)
    {
        var command = new Command("cluster-status", "List the cluster's silos (name, address, status, start, last I-am-alive). Exit 0 when at least one silo is active, 3 when none is.");
        command.SetAction(async (_, cancellationToken) =>
        {
            try
            {
                return await cluster.RunAsync(PrintMembershipAsync, cancellationToken);
            }
            catch (SiloUnavailableException ex)
            {
                // Membership is read through a silo, so no silo answering is the answer "none is live".
                Console.WriteLine($"0 active silo(s): no silo gateway answered ({ex.Message})");
                return ExitCodes.NothingLive;
            }
        });
        return command;
    }

    private static async Task<int> PrintMembershipAsync(IGrainFactory grains)
    {
        // Dead entries stay in the table until Orleans cleans up defunct silos: they are history, not the cluster.
        var silos = (await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false))
            .Where(silo => silo.Status != SiloStatus.Dead)
            .OrderBy(silo => silo.SiloName, StringComparer.Ordinal)
            .ToList();
        Console.WriteLine($"{"SILO",-24} {"ADDRESS",-22} {"STATUS",-12} {"STARTED (UTC)",-28} LAST I-AM-ALIVE (UTC)");
        foreach (var silo in silos)
        {
            var address = $"{silo.SiloAddress.Endpoint}";
            Console.WriteLine($"{silo.SiloName,-24} {address,-22} {silo.Status,-12} {silo.StartTime:O} {silo.IAmAliveTime:O}");
        }

        var active = silos.Count(silo => silo.Status == SiloStatus.Active);
        Console.WriteLine($"{active} active silo(s) of {silos.Count} listed");
        return active > 0 ? ExitCodes.Success : ExitCodes.NothingLive;
    }
}

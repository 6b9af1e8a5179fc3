using System.CommandLine;
using Dailyfeed.Grains.Abstractions.Authentication;

namespace Dailyfeed.Batch.Commands;

/// <summary>`rotate-keys` and `cleanup-tokens`: what the key-ring reminders do on schedule, on demand.</summary>
internal static class TokenCommands
{
    public static Command RotateKeys(ClusterSession cluster)
    {
        var command = new Command("rotate-keys", "Make a new primary JWT signing key now; the old one keeps verifying for the grace window.");
        command.SetAction((_, cancellationToken) => cluster.RunAsync(async grains =>
        {
            var keys = await grains.GetGrain<ISigningKeyRingGrain>(SigningKeyRing.Key).RotateAsync();
            foreach (var key in keys.Keys.OrderByDescending(k => k.CreatedAt))
            {
                var state = key.IsPrimary ? "primary" : key.IsActive ? $"verifies until {key.VerifyUntil:O}" : "expired";
                Console.WriteLine($"{key.KeyId}  created {key.CreatedAt:O}  {state}");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    public static Command CleanupTokens(ClusterSession cluster)
    {
        var command = new Command("cleanup-tokens", "Delete expired refresh sessions and blacklist entries of access tokens that have expired anyway.");
        command.SetAction((_, cancellationToken) => cluster.RunAsync(async grains =>
        {
            var result = await grains.GetGrain<ITokenCleanupGrain>(TokenCleanup.Key).CleanupAsync();
            Console.WriteLine($"Deleted {result.ExpiredSessions} expired refresh sessions and {result.BlacklistEntries} blacklist entries.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}

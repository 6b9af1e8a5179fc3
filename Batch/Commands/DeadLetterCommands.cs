using System.CommandLine;
using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Batch.Commands;

/// <summary>`replay-dead-letters` and `list-dead-letters`.</summary>
internal static class DeadLetterCommands
{
    private const int DefaultMaxRows = 500;

    public static Command Replay(ClusterSession cluster)
    {
        var kind = KindOption();
        var max = new Option<int>("--max") { Description = "Rows to claim per table.", DefaultValueFactory = _ => DefaultMaxRows };
        var command = new Command("replay-dead-letters", "Claim open dead letters and replay them: publisher rows to their stream, listener rows straight to their consumer (fix it first). Exit 1 if any replay failed.")
        {
            kind,
            max,
        };
        command.SetAction((parse, cancellationToken) => cluster.RunAsync(async grains =>
        {
            var failed = 0;
            foreach (var table in KindsOf(parse.GetValue(kind)))
            {
                var result = await grains.GetGrain<IDeadLetterReplayGrain>(DeadLetterReplay.Key).ReplayAsync(table, parse.GetValue(max));
                Console.WriteLine($"{table}: claimed {result.Claimed}, replayed {result.Replayed}, failed {result.Failed}");
                failed += result.Failed;
            }

            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }

    public static Command List(ClusterSession cluster)
    {
        var kind = KindOption();
        var all = new Option<bool>("--all") { Description = "Include completed rows." };
        var command = new Command("list-dead-letters", "List dead letters (open ones unless --all).") { kind, all };
        command.SetAction((parse, cancellationToken) => cluster.RunAsync(async grains =>
        {
            foreach (var table in KindsOf(parse.GetValue(kind)))
            {
                var rows = await grains.GetGrain<IDeadLetterReplayGrain>(DeadLetterReplay.Key).ListAsync(table, parse.GetValue(all), DefaultMaxRows);
                Console.WriteLine($"{table} dead letters: {rows.Count}");
                foreach (var row in rows)
                {
                    var state = row.IsCompleted ? "completed" : row.IsEditing ? "editing" : "open";
                    Console.WriteLine($"  #{row.Id} {state,-9} {row.Event.Category,-12} {row.Event.MessageKey} attempts={row.Attempts} replays={row.ReplayAttempts} created={row.CreatedAt:O}");
                }
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Option<string> KindOption() => new("--kind")
    {
        Description = "publisher, listener or all.",
        DefaultValueFactory = _ => "all",
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (value is not ("publisher" or "listener" or "all"))
                {
                    result.AddError("--kind must be publisher, listener or all.");
                }
            },
        },
    };

    private static DeadLetterKind[] KindsOf(string? kind) => kind switch
    {
        "publisher" => [DeadLetterKind.Publisher],
        "listener" => [DeadLetterKind.Listener],
        _ => [DeadLetterKind.Publisher, DeadLetterKind.Listener],
    };
}

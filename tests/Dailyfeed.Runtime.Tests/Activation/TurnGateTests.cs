using Dailyfeed.Runtime.Activation;
using Shouldly;

namespace Dailyfeed.Runtime.Tests.Activation;

public sealed class TurnGateTests
{
    [Fact]
    public async Task Under_contention_from_many_threads_exclusive_turns_run_alone_and_no_waiter_is_forgotten()
    {
        var gate = new TurnGate();
        var readers = 0;
        var writers = 0;
        var violations = 0;
        var turns = 0;

        async Task WorkerAsync(int seed)
        {
            var random = new Random(seed);
            for (var i = 0; i < 20_000; i++)
            {
                var shared = random.Next(5) != 0;
                await gate.EnterAsync(shared);
                if (shared)
                {
                    Interlocked.Increment(ref readers);
                    if (Volatile.Read(ref writers) != 0)
                    {
                        Interlocked.Increment(ref violations);
                    }

                    Interlocked.Decrement(ref readers);
                }
                else
                {
                    if (Interlocked.Increment(ref writers) != 1 || Volatile.Read(ref readers) != 0)
                    {
                        Interlocked.Increment(ref violations);
                    }

                    if (random.Next(50) == 0)
                    {
                        await Task.Yield();
                    }

                    Interlocked.Decrement(ref writers);
                }

                gate.Exit(shared);
                Interlocked.Increment(ref turns);
            }
        }

        // A lost wake-up leaves a worker waiting forever: the bound turns that hang into a failure.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(seed => Task.Run(() => WorkerAsync(seed)))).WaitAsync(TimeSpan.FromMinutes(1));

        violations.ShouldBe(0);
        turns.ShouldBe(8 * 20_000);
        gate.EnterAsync(shared: false).IsCompletedSuccessfully.ShouldBeTrue("the gate is free again once every turn left");
    }

    [Fact]
    public async Task A_waiting_exclusive_turn_holds_back_later_readers_and_runs_before_them()
    {
        var gate = new TurnGate();
        await gate.EnterAsync(shared: true);

        var writer = gate.EnterAsync(shared: false);
        var laterReader = gate.EnterAsync(shared: true);
        writer.IsCompleted.ShouldBeFalse("a reader holds the gate");
        laterReader.IsCompleted.ShouldBeFalse("readers arriving after a waiting writer queue behind it");

        gate.Exit(shared: true);
        await writer.WaitAsync(TimeSpan.FromSeconds(5));
        laterReader.IsCompleted.ShouldBeFalse("the writer's turn excludes readers");

        gate.Exit(shared: false);
        await laterReader.WaitAsync(TimeSpan.FromSeconds(5));
        gate.EnterAsync(shared: true).IsCompletedSuccessfully.ShouldBeTrue("readers share a turn once the queue drained");
    }
}

using Dailyfeed.Orleans.Outbox.Streams;
using Shouldly;
using Xunit.Abstractions;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Issue #22.3: the operator's way to replay listener dead letters, <c>Batch replay-dead-letters --kind listener</c>,
/// run as a process against a cluster of the test (RabbitMQ streams on the private broker).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ReplayDeadLettersCommandTests(PrivateBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const long Member = 17;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private StreamCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StreamCluster.DeployAsync(broker, silos: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Replay_dead_letters_of_kind_listener_delivers_the_fixed_consumer_its_event_once_and_closes_the_dead_letter()
    {
        var poison = StreamEvents.PostRead(Member, 71);
        _cluster.Poison.Poison(poison.MessageKey);
        await _cluster.PublishAsync(poison);
        await Eventually.HoldsAsync(async () => (await ListenerDeadLettersAsync(includeCompleted: false)).Any(d => d.Event.MessageKey == poison.MessageKey),
            Patience, "the poison event never reached listener dead letters");
        _cluster.Poison.Fix(poison.MessageKey);

        var replay = await BatchCommand.RunAsync(_cluster, "replay-dead-letters", "--kind", "listener");

        output.WriteLine(replay.ToString());
        replay.ExitCode.ShouldBe(0, replay.ToString());
        replay.Output.ShouldContain("Listener: claimed 1, replayed 1, failed 0");
        replay.Output.ShouldNotContain("Publisher:", customMessage: "--kind listener leaves publisher dead letters alone");
        await Eventually.HoldsAsync(async () => (await _cluster.ActivitiesAsync(Member)).Any(a => a.PostId == 71), Patience,
            "the replayed event never reached the fixed consumer");
        var row = (await ListenerDeadLettersAsync(includeCompleted: true)).Single(d => d.Event.MessageKey == poison.MessageKey);
        row.IsCompleted.ShouldBeTrue("the dead letter is marked replayed");
        (await ListenerDeadLettersAsync(includeCompleted: false)).ShouldNotContain(d => d.Event.MessageKey == poison.MessageKey);

        // A second run finds nothing open: the event is not handed to the consumer again.
        var again = await BatchCommand.RunAsync(_cluster, "replay-dead-letters", "--kind", "listener");
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Output.ShouldContain("Listener: claimed 0, replayed 0, failed 0");
        (await _cluster.ActivitiesAsync(Member)).Count(a => a.PostId == 71).ShouldBe(1, "the consumer got the event exactly once");
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_a_clear_error_and_a_failing_exit_code()
    {
        var run = await BatchCommand.RunAsync(_cluster, "replay-dead-letters", "--kind", "listeners");

        output.WriteLine(run.ToString());
        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain("--kind must be publisher, listener or all.");
        run.Output.ShouldNotContain(": claimed", customMessage: "nothing is replayed on a bad argument");
    }

    private Task<IReadOnlyList<DeadLetter>> ListenerDeadLettersAsync(bool includeCompleted) =>
        _cluster.SiloService<IDeadLetterStore>().ListAsync(DeadLetterKind.Listener, includeCompleted, 1000, CancellationToken.None);
}

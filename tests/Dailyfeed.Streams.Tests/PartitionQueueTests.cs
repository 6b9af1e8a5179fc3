using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Microsoft.Extensions.Options;
using Orleans;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Shouldly;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Issue #22.1: the partitions are durable quorum queues (an operator cannot quietly end up with classic, unreplicated
/// ones), and a publish counts only once the broker confirmed it took the message into a queue.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class PartitionQueueTests(PrivateBroker broker) : IAsyncLifetime
{
    /// <summary>AMQP reply code of a redeclare whose type, durability or arguments differ from the existing queue's.</summary>
    private const ushort PreconditionFailed = 406;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private StreamCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StreamCluster.DeployAsync(broker, silos: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public static TheoryData<string, bool, Dictionary<string, object?>?> OtherDeclarations => new()
    {
        { "classic by type", true, new Dictionary<string, object?> { ["x-queue-type"] = "classic" } },
        { "classic by default (no arguments)", true, null },
        { "non-durable", false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } },
    };

    [Theory]
    [MemberData(nameof(OtherDeclarations))]
    public async Task The_broker_refuses_to_redeclare_a_partition_queue_as_anything_but_the_durable_quorum_queue_the_provider_declared(
        string redeclaredAs, bool durable, Dictionary<string, object?>? arguments)
    {
        await using var connection = await _cluster.BrokerConnectionFactory().CreateConnectionAsync();
        foreach (var queueName in _cluster.QueueNames)
        {
            // A channel of its own per attempt: the broker closes the channel a refused declare was made on.
            await using var channel = await connection.CreateChannelAsync();
            var refused = await Should.ThrowAsync<OperationInterruptedException>(() => channel.QueueDeclareAsync(
                queueName, durable, exclusive: false, autoDelete: false, arguments));

            refused.ShutdownReason!.ReplyCode.ShouldBe(PreconditionFailed, $"{queueName} redeclared {redeclaredAs}: {refused.Message}");
        }
    }

    [Fact]
    public async Task A_publish_to_a_missing_partition_queue_fails_and_the_event_waits_in_dead_letters_until_it_can_be_stored()
    {
        await DeletePartitionQueuesAsync();

        // Mandatory and confirmed: the broker returns the unroutable message and the producer hears of it, where a
        // fire-and-forget publish would have "succeeded" into nowhere.
        var refused = await Should.ThrowAsync<RabbitMqPublishException>(() => _cluster.PublishAsync(StreamEvents.PostRead(21, 1)));
        refused.Message.ShouldContain("could not store an event");

        // A real write: acknowledged, its signup event committed to the outbox, then refused by the broker on each of
        // the relay's attempts and parked in publisher dead letters (not dropped, not deleted from the outbox as sent).
        var member = await RegisterMemberAsync();
        DeadLetter parked = null!;
        await Eventually.HoldsAsync(async () =>
        {
            var rows = await PublisherDeadLettersAsync();
            parked = rows.FirstOrDefault(row => row.Event.Key == $"{member}")!;
            return parked is not null && await _cluster.SiloService<IStreamOutboxStore>().CountAsync(CancellationToken.None) == 0;
        }, Patience, "the refused signup event never reached publisher dead letters");
        // Its error is the last attempt's: the refusal, or the broker circuit the refusals opened.
        parked.Attempts.ShouldBe(StreamCluster.MaxPublishAttempts, "each relay attempt was refused, none taken for sent");
        (await _cluster.ActivitiesAsync(member)).ShouldBeEmpty("nothing reached the consumer while the queues were gone");

        // The queues are back: the same silo, whose consumers the broker cancelled with the queues, consumes anew.
        await RedeclarePartitionQueuesAsync();
        var grains = _cluster.Grains;
        await Eventually.HoldsAsync(async () =>
        {
            await grains.GetGrain<IDeadLetterReplayGrain>(DeadLetterReplay.Key).ReplayAsync(DeadLetterKind.Publisher, 1000);
            return (await SignupsAsync(grains, member)) > 0;
        }, Patience, "the parked signup event never arrived once the queues were back");
        (await SignupsAsync(grains, member)).ShouldBe(1, "the parked event is stored once");
        (await PublisherDeadLettersAsync()).ShouldNotContain(row => row.Event.Key == $"{member}");
    }

    private static async Task<int> SignupsAsync(IGrainFactory grains, long member) =>
        (await grains.GetGrain<IActivityGrain>(member).GetPageAsync(new PageRequest(0, 100))).Content
        .Count(a => a.MemberActivityType == MemberActivityType.MEMBER_SIGNUP);

    private async Task DeletePartitionQueuesAsync()
    {
        await using var connection = await _cluster.BrokerConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queueName in _cluster.QueueNames)
        {
            await channel.QueueDeleteAsync(queueName, ifUnused: false, ifEmpty: false);
        }
    }

    /// <summary>With the provider's own topology and options, as an operator restoring the queues would.</summary>
    private async Task RedeclarePartitionQueuesAsync()
    {
        var options = _cluster.SiloService<IOptionsMonitor<RabbitMqStreamOptions>>().Get(DailyfeedStreams.ProviderName);
        await using var connection = await _cluster.BrokerConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await RabbitMqTopology.DeclareQueuesAsync(channel, _cluster.QueueNames, options, CancellationToken.None);
    }

    private async Task<long> RegisterMemberAsync()
    {
        var id = await _cluster.Grains.GetGrain<IIdAllocatorGrain>("member").ReserveAsync(1);
        await _cluster.Grains.GetGrain<IMemberGrain>(id).RegisterAsync(
            new MemberRegistration($"q{id}-{Guid.NewGuid():N}@example.com", "Str0ng!Pass", "Queued", $"q_{id}_{Guid.NewGuid():N}"[..20]));
        return id;
    }

    private Task<IReadOnlyList<DeadLetter>> PublisherDeadLettersAsync() =>
        _cluster.SiloService<IDeadLetterStore>().ListAsync(DeadLetterKind.Publisher, false, 1000, CancellationToken.None);
}

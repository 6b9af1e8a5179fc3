using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.Orleans.Tests.PostgreSql;
using Orleans.Streams;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>Events through RabbitMQ quorum queues to implicitly subscribed grains, and what happens when delivery fails.</summary>
[Collection(RabbitMqClusterCollection.Name)]
public sealed class RabbitMqStreamDeliveryTests(RabbitMqClusterFixture fixture)
{
    private static readonly int[] Sequences = Enumerable.Range(1, 20).ToArray();

    [Fact]
    public async Task Events_published_by_the_cluster_client_reach_the_implicit_consumer_in_order_exactly_once()
    {
        var streamKey = NewStreamKey();
        var stream = ClientStream(RabbitStreamNames.Provider, streamKey);
        foreach (var sequence in Sequences)
        {
            await stream.OnNextAsync(new RabbitTestEvent(sequence));
        }

        await DeliveredExactlyOnceInOrderAsync(streamKey, Sequences);
    }

    [Fact]
    public async Task Events_published_by_a_grain_reach_the_implicit_consumer_in_order_exactly_once()
    {
        var streamKey = NewStreamKey();
        await fixture.Cluster.Client.GetGrain<IRabbitProducerGrain>(streamKey).PublishAsync(streamKey, Sequences);

        await DeliveredExactlyOnceInOrderAsync(streamKey, Sequences);
    }

    [Fact]
    public async Task A_poison_event_is_tried_a_bounded_number_of_times_then_dead_lettered_and_the_events_after_it_flow()
    {
        var streamKey = NewStreamKey();
        var stream = ClientStream(RabbitStreamNames.Provider, streamKey);
        await stream.OnNextAsync(new RabbitTestEvent(1));
        await stream.OnNextAsync(new RabbitTestEvent(2, Poison: true));
        await stream.OnNextAsync(new RabbitTestEvent(3));

        // Event 3 waits behind the poison on the same stream (and queue) only until the poison is given up.
        await DeliveredExactlyOnceInOrderAsync(streamKey, [1, 3]);
        var deadLetter = (await Eventually.ReturnsAsync(
            () => fixture.DeadLetters.ReadForStreamAsync(RabbitStreamNames.For(streamKey).ToString()),
            rows => rows.Count == 1,
            "the poison event's dead letter"))[0];

        var attempts = RabbitStreamLog.PoisonAttemptsOn(streamKey);
        attempts.ShouldBeInRange(1, RabbitMqTestCluster.MaxDeliveryAttempts);
        deadLetter.Attempts.ShouldBe(attempts);
        deadLetter.Error.ShouldContain("Poison event 2 refused on purpose.");
        deadLetter.MessageKey.ShouldNotBeNullOrWhiteSpace();
        deadLetter.EventType.ShouldBe(typeof(RabbitTestEvent).FullName);
        deadLetter.PayloadLength.ShouldBeGreaterThan(0);
        deadLetter.QueueName.ShouldStartWith(fixture.QueuePrefix);
        await Eventually.ReturnsAsync(() => RabbitMqTestBroker.ReadyMessagesAsync(fixture.QueuePrefix), ready => ready == 0, "queues drained");
    }

    [Fact]
    public async Task While_the_dead_letter_sink_fails_the_poison_message_goes_back_to_the_broker_and_is_dead_lettered_once_it_recovers()
    {
        var streamKey = NewStreamKey();
        fixture.Sink.Refuse();
        try
        {
            await ClientStream(RabbitStreamNames.Provider, streamKey).OnNextAsync(new RabbitTestEvent(1, Poison: true));
            var refusedKey = (await Eventually.ReturnsAsync(
                () => Task.FromResult(fixture.Sink.RefusedKeys.ToArray()), keys => keys.Length > 0, "the sink refused the dead letter"))[0];
            // The failing cycle ran its attempts; the consumer is tried again only if the broker redelivers.
            var attemptsBeforeRecovery = await Eventually.ReturnsAsync(
                () => Task.FromResult(RabbitStreamLog.PoisonAttemptsOn(streamKey)),
                attempts => attempts > RabbitMqTestCluster.MaxDeliveryAttempts || fixture.Sink.RefusedKeys.Count > 1,
                "the broker redelivered the requeued poison event");
            attemptsBeforeRecovery.ShouldBeGreaterThan(0);

            fixture.Sink.Accept();
            var deadLetter = (await Eventually.ReturnsAsync(
                () => fixture.DeadLetters.ReadForStreamAsync(RabbitStreamNames.For(streamKey).ToString()),
                rows => rows.Count == 1,
                "the dead letter recorded after the sink recovered"))[0];
            deadLetter.MessageKey.ShouldBe(refusedKey);
            // Attempts keep counting across the redeliveries: more than one delivery cycle's worth ran.
            deadLetter.Attempts.ShouldBe(RabbitStreamLog.PoisonAttemptsOn(streamKey));
            fixture.Sink.RefusedKeys.ShouldAllBe(key => key == refusedKey);
            await Eventually.ReturnsAsync(() => RabbitMqTestBroker.ReadyMessagesAsync(fixture.QueuePrefix), ready => ready == 0, "queues drained");
        }
        finally
        {
            fixture.Sink.Accept();
        }
    }

    [Fact]
    public async Task Publishing_while_the_broker_is_unreachable_fails_OnNextAsync()
    {
        var stream = ClientStream(RabbitStreamNames.UnreachableProvider, NewStreamKey());

        var failure = await Should.ThrowAsync<Exception>(() => stream.OnNextAsync(new RabbitTestEvent(1)));

        failure.ShouldBeOfType<RabbitMqPublishException>().Message.ShouldContain("cannot reach its broker");
    }

    private IAsyncStream<RabbitTestEvent> ClientStream(string provider, string streamKey) =>
        fixture.Cluster.Client.GetStreamProvider(provider).GetStream<RabbitTestEvent>(RabbitStreamNames.For(streamKey));

    private static async Task DeliveredExactlyOnceInOrderAsync(string streamKey, int[] expected)
    {
        await Eventually.ReturnsAsync(
            () => Task.FromResult(RabbitStreamLog.DeliveredTo(streamKey)),
            delivered => delivered.Length >= expected.Length,
            $"{expected.Length} events delivered to {streamKey}");
        // Acknowledged messages are not delivered again: nothing more arrives after a pause.
        await Task.Delay(RabbitMqTestCluster.DeliveryRetryDelay * RabbitMqTestCluster.MaxDeliveryAttempts);
        RabbitStreamLog.DeliveredTo(streamKey).ShouldBe(expected);
    }

    private static string NewStreamKey() => Guid.NewGuid().ToString("N");
}

namespace Dailyfeed.Runtime.Streams;

/// <summary>
/// One silo's connection to an <see cref="InMemoryStreamBus"/>: publishes into the stream's queue and runs competing
/// consumer loops. A delivery that is not acknowledged goes back to the queue, as a broker would redeliver it.
/// </summary>
public sealed class InMemoryStreamTransport(InMemoryStreamBus bus) : IStreamTransport
{
    private readonly List<Task> _consumers = [];
    private CancellationTokenSource _stop = new();

    public Task PublishAsync(StreamEvent streamEvent, CancellationToken cancellationToken)
    {
        return bus.Queue(streamEvent.Stream).Writer.WriteAsync(streamEvent, cancellationToken).AsTask();
    }

    public Task StartConsumingAsync(string stream, Func<StreamEvent, CancellationToken, Task<DeliveryOutcome>> handler, CancellationToken cancellationToken)
    {
        var queue = bus.Queue(stream);
        var stop = _stop.Token;
        _consumers.Add(Task.Run(async () =>
        {
            while (await queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                if (!queue.Reader.TryRead(out var streamEvent))
                {
                    continue;
                }

                var outcome = DeliveryOutcome.Redeliver;
                try
                {
                    outcome = await handler(streamEvent, stop).ConfigureAwait(false);
                }
                finally
                {
                    if (outcome == DeliveryOutcome.Redeliver)
                    {
                        await queue.Writer.WriteAsync(streamEvent, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }
        }, CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopConsumingAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_consumers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _consumers.Clear();
        _stop = new CancellationTokenSource();
    }

    public Task KillAsync() => StopConsumingAsync();

    public ValueTask DisposeAsync() => new(StopConsumingAsync());
}

using Orleans.Runtime.Providers;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Providers;

/// <summary>
/// The same pause before every redelivery of a failed event: with Orleans' randomized exponential default the
/// number of attempts inside the delivery window could not be bounded by an option.
/// </summary>
public sealed class FixedDeliveryBackoff(TimeSpan delay) : IMessageDeliveryBackoffProvider
{
    public TimeSpan Next(int attempt) => delay;
}

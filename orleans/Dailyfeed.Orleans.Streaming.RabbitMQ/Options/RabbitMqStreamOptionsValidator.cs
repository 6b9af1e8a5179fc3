using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Options;

/// <summary>Fails silo or client start when a RabbitMQ stream provider is configured with unusable values.</summary>
public sealed class RabbitMqStreamOptionsValidator(RabbitMqStreamOptions options, string name) : IConfigurationValidator
{
    private const int HighestPort = 65535;

    public void ValidateConfiguration()
    {
        Require(!string.IsNullOrWhiteSpace(options.HostName), nameof(options.HostName), "is required");
        Require(options.Port is > 0 and <= HighestPort, nameof(options.Port), "must be a TCP port");
        Require(!string.IsNullOrEmpty(options.UserName), nameof(options.UserName), "is required");
        Require(!string.IsNullOrEmpty(options.VirtualHost), nameof(options.VirtualHost), "is required");
        Require(!string.IsNullOrWhiteSpace(options.QueueNamePrefix), nameof(options.QueueNamePrefix), "is required");
        Require(options.QueueCount > 0, nameof(options.QueueCount), "must be positive");
        Require(options.MessageTimeToLive > TimeSpan.Zero, nameof(options.MessageTimeToLive), "must be positive");
        Require(options.PrefetchCount > 0, nameof(options.PrefetchCount), "must be positive");
        Require(options.MaxDeliveryAttempts > 0, nameof(options.MaxDeliveryAttempts), "must be positive");
        Require(options.DeliveryRetryDelay > TimeSpan.Zero, nameof(options.DeliveryRetryDelay), "must be positive");
        Require(options.PublishTimeout > TimeSpan.Zero, nameof(options.PublishTimeout), "must be positive");
        Require(options.ConnectionTimeout > TimeSpan.Zero, nameof(options.ConnectionTimeout), "must be positive");
        Require(options.NetworkRecoveryInterval > TimeSpan.Zero, nameof(options.NetworkRecoveryInterval), "must be positive");
    }

    private void Require(bool holds, string option, string rule)
    {
        if (!holds)
        {
            throw new OrleansConfigurationException(
                $"{nameof(RabbitMqStreamOptions)}.{option} of RabbitMQ stream provider '{name}' {rule}.");
        }
    }
}

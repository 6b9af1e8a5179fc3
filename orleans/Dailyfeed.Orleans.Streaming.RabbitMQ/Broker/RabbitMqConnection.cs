using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using RabbitMQ.Client;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;

/// <summary>
/// The one AMQP connection of a provider in a process, opened on first use and recovered automatically after a
/// network failure, plus the publisher channel (confirms on, tracked) that every publish of the provider shares.
/// A failed first connect is not cached: the next caller tries again.
/// </summary>
public sealed class RabbitMqConnection(string providerName, RabbitMqStreamOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IConnection? connection;
    private IChannel? publisherChannel;

    public string Describe() => $"amqp://{options.UserName}@{options.HostName}:{options.Port}{VirtualHostPath()}";

    public async Task<IConnection> GetOrConnectOrThrowAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ConnectUnderGateOrThrowAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The shared publisher channel; replaced when the broker closed it (a channel-level error is not recovered).</summary>
    public async Task<IChannel> GetPublisherChannelOrThrowAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (publisherChannel is { IsOpen: true })
            {
                return publisherChannel;
            }

            var open = await ConnectUnderGateOrThrowAsync(cancellationToken);
            if (publisherChannel is not null)
            {
                await publisherChannel.DisposeAsync();
            }

            publisherChannel = await open.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            return publisherChannel;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (publisherChannel is not null)
        {
            await publisherChannel.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        gate.Dispose();
    }

    private async Task<IConnection> ConnectUnderGateOrThrowAsync(CancellationToken cancellationToken)
    {
        if (connection is not null)
        {
            // Once opened, the client recovers the connection itself; callers meanwhile see channel errors.
            return connection;
        }

        var factory = new ConnectionFactory
        {
            HostName = options.HostName,
            Port = options.Port,
            UserName = options.UserName,
            Password = options.Password,
            VirtualHost = options.VirtualHost,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = options.NetworkRecoveryInterval,
            RequestedConnectionTimeout = options.ConnectionTimeout,
            ClientProvidedName = $"orleans-streams-{providerName}",
        };
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new RabbitMqBrokerUnreachableException(
                $"RabbitMQ stream provider '{providerName}' cannot reach its broker at {Describe()}: {exception.Message}", exception);
        }
    }

    private string VirtualHostPath() => options.VirtualHost == "/" ? "/" : "/" + Uri.EscapeDataString(options.VirtualHost);
}

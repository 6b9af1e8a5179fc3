using System.Net;
using System.Net.Sockets;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>The shared RabbitMQ server of the test machine: never restarted here; each test class owns a queue prefix.</summary>
public static class RabbitMqTestBroker
{
    public const string HostName = "127.0.0.1";
    public const int Port = RabbitMqStreamOptions.DefaultPort;
    public const int QueueCount = 2;

    public static string UniqueQueuePrefix() => $"dailyfeed-test-{Guid.NewGuid():N}"[..28];

    public static IEnumerable<string> QueueNames(string prefix) => Enumerable.Range(0, QueueCount).Select(index => $"{prefix}-{index}");

    /// <summary>A local port nothing listens on: bound once by the OS to find it free, then released.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Messages waiting in the prefix's queues, not counting those delivered and not yet acknowledged.</summary>
    public static async Task<uint> ReadyMessagesAsync(string prefix)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        uint ready = 0;
        foreach (var queue in QueueNames(prefix))
        {
            ready += (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }

        return ready;
    }

    public static async Task DeleteQueuesAsync(string prefix)
    {
        await using var connection = await ConnectAsync();
        foreach (var queue in QueueNames(prefix))
        {
            // A channel per queue: deleting a queue that never existed closes the channel with NOT_FOUND in some versions.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            }
            catch (OperationInterruptedException)
            {
                // Already gone.
            }
        }
    }

    private static Task<IConnection> ConnectAsync() =>
        new ConnectionFactory { HostName = HostName, Port = Port, UserName = "guest", Password = "guest" }.CreateConnectionAsync();
}

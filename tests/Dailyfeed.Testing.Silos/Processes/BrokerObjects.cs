using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dailyfeed.Testing.Silos.Processes;

/// <summary>Removes what a cluster of real processes declared on the shared broker: its stream provider's queues.</summary>
public static class BrokerObjects
{
    public static async Task DeleteAsync(RabbitMqStreamOptions broker)
    {
        var factory = new ConnectionFactory { HostName = broker.HostName, Port = broker.Port, UserName = broker.UserName, Password = broker.Password };
        await using var connection = await factory.CreateConnectionAsync();
        foreach (var queue in Enumerable.Range(0, broker.QueueCount).Select(index => $"{broker.QueueNamePrefix}-{index}"))
        {
            // A channel per queue: deleting a queue that never existed closes the channel on some broker versions.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            }
            catch (OperationInterruptedException)
            {
                // Never declared: no silo of the cluster started its stream provider.
            }
        }
    }
}

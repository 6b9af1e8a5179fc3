using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dailyfeed.Bench.Social;

/// <summary>
/// Deletes the RabbitMQ queues of one run. The silos' stream provider declares durable quorum queues
/// <c>{prefix}-0</c> ... <c>{prefix}-{count - 1}</c> that outlive the run; the run's prefix is its own, so every one is
/// deleted (deleting a missing queue is a no-op).
/// </summary>
public static class RunQueues
{
    public static async Task DeleteAsync(ClusterOptions options, string queuePrefix)
    {
        var factory = new ConnectionFactory
        {
            HostName = options.RabbitMqHost,
            Port = options.RabbitMqPort,
            UserName = options.RabbitMqUser,
            Password = options.RabbitMqPassword,
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var queue in Names(options, queuePrefix))
            {
                await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            }
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException)
        {
            Console.Error.WriteLine($"could not delete the queues {queuePrefix}*: {ex.Message}");
        }
    }

    private static IEnumerable<string> Names(ClusterOptions options, string queuePrefix) =>
        Enumerable.Range(0, options.StreamQueueCount).Select(index => $"{queuePrefix}-{index}");
}

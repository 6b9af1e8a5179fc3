using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dailyfeed.Bench.Social;

/// <summary>
/// Deletes the RabbitMQ queues of one run. The silos declare a quorum queue per stream and UTC day for the whole
/// retention (x-expires = retention + idle expiry, a week), which would keep a bench run's queues on the shared broker
/// for that long; the run's prefix is its own, so every name it can have is deleted (deleting a missing queue is a no-op).
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

    /// <summary>prefix + stream + "-yyyyMMdd" for every day of the retention up to tomorrow (a run may cross midnight).</summary>
    private static IEnumerable<string> Names(ClusterOptions options, string queuePrefix)
    {
        var today = DateTime.UtcNow.Date;
        return from stream in options.Streams
               from back in Enumerable.Range(-1, options.StreamRetentionDays + 2)
               select $"{queuePrefix}{stream}-{today.AddDays(-back):yyyyMMdd}";
    }
}

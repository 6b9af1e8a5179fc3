using System.Globalization;
using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Runtime.RabbitMQ;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dailyfeed.Api.Tests.Chaos.Processes;

/// <summary>Removes what a cluster of real processes declared on the shared broker: its exchange and its day partitions.</summary>
internal static class BrokerObjects
{
    /// <summary>Consumers declare a partition per retained day (7 back by default) and a run may cross midnight.</summary>
    private const int RetainedDays = 7;

    public static async Task DeleteAsync(RabbitMqStreamOptions broker)
    {
        var factory = new ConnectionFactory { HostName = broker.HostName, Port = broker.Port, UserName = broker.UserName, Password = broker.Password };
        await using var connection = await factory.CreateConnectionAsync();
        var days = Enumerable.Range(-RetainedDays, RetainedDays + 2)
            .Select(d => DateTimeOffset.UtcNow.AddDays(d).UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        foreach (var queue in days.Select(day => $"{broker.QueuePrefix}{ActivityStreams.MemberActivity}-{day}"))
        {
            // A channel per queue: deleting a queue that never existed closes the channel on some broker versions.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            }
            catch (OperationInterruptedException)
            {
                // Never declared: the silos had no partition of that day.
            }
        }

        await using var exchangeChannel = await connection.CreateChannelAsync();
        await exchangeChannel.ExchangeDeleteAsync(broker.Exchange);
    }
}

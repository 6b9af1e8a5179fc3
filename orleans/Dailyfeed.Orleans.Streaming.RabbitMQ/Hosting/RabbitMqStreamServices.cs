using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;

namespace Dailyfeed.Orleans.Streaming.RabbitMQ.Hosting;

/// <summary>Services a RabbitMQ stream provider needs in silos and clients alike.</summary>
internal static class RabbitMqStreamServices
{
    public static void AddShared(IServiceCollection services, string name)
    {
        services.AddSingleton<IConfigurationValidator>(sp => new RabbitMqStreamOptionsValidator(GetOptions(sp, name), name));
        // Keyed by provider so the host disposes the connection (and its channels) when it stops.
        services.AddKeyedSingleton(name, (sp, _) => new RabbitMqConnection(name, GetOptions(sp, name)));
    }

    public static RabbitMqStreamOptions GetOptions(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<RabbitMqStreamOptions>>().Get(name);

}

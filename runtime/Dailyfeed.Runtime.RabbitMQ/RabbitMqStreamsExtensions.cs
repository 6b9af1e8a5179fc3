using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.RabbitMQ;

public static class RabbitMqStreamsExtensions
{
    /// <summary>Streams on RabbitMQ (production). The outbox and dead letters stay in the configured store.</summary>
    public static IServiceCollection AddRabbitMqStreams(this IServiceCollection services, Action<RabbitMqStreamOptions>? configure = null)
    {
        var options = services.AddOptions<RabbitMqStreamOptions>().BindConfiguration(RabbitMqStreamOptions.Section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IStreamTransport, RabbitMqStreamTransport>();
        return services;
    }
}

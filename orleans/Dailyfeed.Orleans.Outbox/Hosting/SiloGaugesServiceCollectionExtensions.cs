using Dailyfeed.Orleans.Outbox.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Orleans.Outbox.Hosting;

public static class SiloGaugesServiceCollectionExtensions
{
    /// <summary>
    /// A silo's gauges on /metrics (activations, the storage circuit, the outbox and dead-letter backlog). Next to
    /// <c>AddDailyfeedMetrics</c> in a host; a host without a silo, or without the outbox storage, gets none.
    /// </summary>
    public static IServiceCollection AddDailyfeedSiloGauges(this IServiceCollection services)
    {
        services.AddHostedService<SiloGauges>();
        return services;
    }
}

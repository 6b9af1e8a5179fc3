using Dailyfeed.ServiceDefaults.Resilience;
using Microsoft.Extensions.DependencyInjection;
using global::Orleans;
using global::Orleans.Configuration;
using global::Orleans.Serialization;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Hosting;

public static class GrainCallServiceCollectionExtensions
{
    /// <summary>
    /// How Dailyfeed's grain calls behave in every silo and client: reads retried across a silo failure, and the
    /// project's exceptions (a dependency outage, for one) carried to the caller as their own types.
    /// </summary>
    public static IServiceCollection AddDailyfeedGrainCalls(this IServiceCollection services)
    {
        services.AddOptions<ResilienceOptions>().BindConfiguration($"{DailyfeedConfiguration.Root}:Resilience");
        services.AddSingleton<IOutgoingGrainCallFilter, ReadOnlyCallRetryFilter>();
        services.AddOptions<GrainCallOptions>().BindConfiguration(GrainCallOptions.Section);
        services.AddOptions<SiloMessagingOptions>().Configure<IOptions<GrainCallOptions>>((messaging, calls) => messaging.ResponseTimeout = calls.Value.ResponseTimeout);
        services.AddOptions<ClientMessagingOptions>().Configure<IOptions<GrainCallOptions>>((messaging, calls) => messaging.ResponseTimeout = calls.Value.ResponseTimeout);
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Dailyfeed"));
        return services;
    }
}

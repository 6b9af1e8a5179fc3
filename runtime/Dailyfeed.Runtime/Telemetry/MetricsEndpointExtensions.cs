using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace Dailyfeed.Runtime.Telemetry;

public static class MetricsEndpointExtensions
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IServiceCollection AddDailyfeedMetrics(this IServiceCollection services) =>
        services.AddSingleton<PrometheusExporter>();

    /// <summary>GET /metrics in the Prometheus text format; on a silo it adds activation and breaker gauges.</summary>
    public static IEndpointConventionBuilder MapDailyfeedMetrics(this IEndpointRouteBuilder app)
    {
        var exporter = app.ServiceProvider.GetRequiredService<PrometheusExporter>();
        if (app.ServiceProvider.GetService<SiloHost>() is { } silo)
        {
            var catalog = app.ServiceProvider.GetRequiredService<Catalog>();
            exporter.Gauges.Add(() =>
            [
                "# TYPE dailyfeed_activations gauge",
                $"dailyfeed_activations{{silo=\"{silo.SiloId}\"}} {silo.ActivationCount}",
                "# TYPE dailyfeed_circuit_open gauge",
                $"dailyfeed_circuit_open{{dependency=\"grain storage\",silo=\"{silo.SiloId}\"}} {(catalog.StorageCircuit is CircuitState.Closed ? 0 : 1)}",
            ]);
        }

        return app.MapGet("/metrics", () => Results.Text(exporter.Render(), ContentType));
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dailyfeed.ServiceDefaults.Health;

/// <summary>The three Kubernetes probes every Dailyfeed host answers: /healthcheck/live, /ready and /startup.</summary>
public static class HealthEndpointExtensions
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddDailyfeedHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps the probes under /healthcheck; the group lets hosts exempt them from rate limits or auth.</summary>
    public static RouteGroupBuilder MapDailyfeedHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var endpoints = app.MapGroup("/healthcheck");
        // Live: the process answers HTTP at all; no dependency is consulted, so a database outage never restarts pods.
        endpoints.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });

        // Startup: same test as ready; Kubernetes stops probing it once it passed.
        endpoints.MapHealthChecks("/startup", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

using Dailyfeed.Runtime.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Dailyfeed.Runtime.Streams;
using Polly.CircuitBreaker;
using global::Orleans;
using global::Orleans.Runtime;

namespace Dailyfeed.Runtime.Telemetry;

public static class MetricsEndpointExtensions
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Counting stops here: beyond it the alert has long fired and the exact number does not matter.</summary>
    private const int MaxCountedDeadLetters = 10_000;

    /// <summary>The exporter, and grain call counts of every call this process makes (silo or client).</summary>
    public static IServiceCollection AddDailyfeedMetrics(this IServiceCollection services) =>
        services.AddSingleton<PrometheusExporter>().AddSingleton<IOutgoingGrainCallFilter, GrainCallMetricsFilter>();

    /// <summary>GET /metrics in the Prometheus text format with the process's CPU, GC and thread pool; on a silo it adds activation and breaker gauges.</summary>
    public static IEndpointConventionBuilder MapDailyfeedMetrics(this IEndpointRouteBuilder app)
    {
        var exporter = app.ServiceProvider.GetRequiredService<PrometheusExporter>();
        exporter.Gauges.Add(_ => Task.FromResult(ProcessMetrics.Render()));
        if (app.ServiceProvider.GetService<OutboxGrainStorage>() is { } storage)
        {
            var silo = app.ServiceProvider.GetRequiredService<ILocalSiloDetails>().Name;
            var activations = app.ServiceProvider.GetRequiredService<IActivationWorkingSet>();
            exporter.Gauges.Add(_ => Task.FromResult<IEnumerable<string>>(
            [
                "# TYPE dailyfeed_activations gauge",
                $"dailyfeed_activations{{silo=\"{silo}\"}} {activations.Count}",
                "# TYPE dailyfeed_circuit_open gauge",
                $"dailyfeed_circuit_open{{dependency=\"grain storage\",silo=\"{silo}\"}} {(storage.Circuit is CircuitState.Closed ? 0 : 1)}",
            ]));
            if (app.ServiceProvider.GetService<IStreamOutboxStore>() is { } outbox && app.ServiceProvider.GetService<IDeadLetterStore>() is { } deadLetters)
            {
                exporter.Gauges.Add(token => StreamBacklogAsync(outbox, deadLetters, token));
            }
        }

        return app.MapGet("/metrics", async (CancellationToken token) => Results.Text(await exporter.RenderAsync(token), ContentType));
    }

    /// <summary>Events not yet published (how many, and how long the oldest has waited) and dead letters not yet replayed: the backlog alerts watch.</summary>
    private static async Task<IEnumerable<string>> StreamBacklogAsync(IStreamOutboxStore outbox, IDeadLetterStore deadLetters, CancellationToken token)
    {
        try
        {
            var pending = await outbox.CountAsync(token);
            var oldest = await outbox.OldestCreatedAtAsync(token);
            var age = oldest is { } created ? Math.Max(0, (DateTimeOffset.UtcNow - created).TotalSeconds) : 0;
            var publisher = (await deadLetters.ListAsync(DeadLetterKind.Publisher, false, MaxCountedDeadLetters, token)).Count;
            var listener = (await deadLetters.ListAsync(DeadLetterKind.Listener, false, MaxCountedDeadLetters, token)).Count;
            return
            [
                "# TYPE dailyfeed_outbox_pending gauge",
                $"dailyfeed_outbox_pending {pending}",
                "# TYPE dailyfeed_outbox_oldest_age_seconds gauge",
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"dailyfeed_outbox_oldest_age_seconds {age:F1}"),
                "# TYPE dailyfeed_dead_letters_open gauge",
                $"dailyfeed_dead_letters_open{{kind=\"publisher\"}} {publisher}",
                $"dailyfeed_dead_letters_open{{kind=\"listener\"}} {listener}",
            ];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is down: say so instead of failing the whole scrape.
            return ["# TYPE dailyfeed_store_scrape_error gauge", "dailyfeed_store_scrape_error 1"];
        }
    }
}

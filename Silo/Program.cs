using Dailyfeed.ServiceDefaults.Health;
using Dailyfeed.Orleans.Outbox.Hosting;
using Dailyfeed.ServiceDefaults.Telemetry;
using Dailyfeed.Silo.Hosting;

// A silo of the production cluster: an Orleans silo serving the pools in Dailyfeed:Silo:Pools, with membership,
// reminders and grain state (with its stream outbox) in PostgreSQL and activity streams on Orleans persistent streams
// over RabbitMQ (Dailyfeed:RabbitMq).
// Its HTTP port serves only the health probes and /metrics; grain traffic uses Orleans' silo and gateway ports.
if (HealthProbe.RunIfRequested(args) is { } probeResult)
{
    return probeResult;
}

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddDailyfeedJsonLogs();
builder.AddDailyfeedSilo(silo => silo.AddDailyfeedRabbitMqStreams());
builder.Services.AddDailyfeedHealthChecks();
builder.Services.AddDailyfeedMetrics();
builder.Services.AddDailyfeedSiloGauges();
builder.Services.AddDailyfeedTelemetryExport(builder.Configuration);

var app = builder.Build();
app.UseDailyfeedTraceContext();
app.MapDailyfeedHealthEndpoints();
app.MapDailyfeedMetrics();
app.Run();
return 0;

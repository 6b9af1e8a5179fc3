using Dailyfeed.Grains.Hosting;
using Dailyfeed.Runtime.Health;
using Dailyfeed.Runtime.Telemetry;
using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.PostgreSql.Hosting;
using Dailyfeed.Runtime.RabbitMQ;
using Dailyfeed.Search;

// A silo of the production cluster: grains of its pools (Dailyfeed:Silo:Pools), state and membership in PostgreSQL,
// activity streams on RabbitMQ (Dailyfeed:RabbitMq).
// Its own HTTP port serves only the health probes; grain traffic uses the silo's HTTP/2 port (Dailyfeed:Silo:Port).
if (HealthProbe.RunIfRequested(args) is { } probeResult)
{
    return probeResult;
}

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddDailyfeedJsonLogs();
builder.Services.AddPostgreSqlClusterStore();
builder.Services.AddRabbitMqStreams();
builder.Services.AddPostgreSqlSearch();
builder.Services.AddDailyfeedGrains(builder.Configuration);
builder.Services.AddDailyfeedSilo(silo => silo.AddGrains(typeof(DailyfeedGrainsServiceCollectionExtensions).Assembly));
builder.Services.AddDailyfeedHealthChecks();
builder.Services.AddDailyfeedMetrics();
builder.Services.AddDailyfeedTelemetryExport(builder.Configuration);

var app = builder.Build();
app.UseDailyfeedTraceContext();
app.MapDailyfeedHealthEndpoints();
app.MapDailyfeedMetrics();
app.Run();
return 0;

using Dailyfeed.Grains.Hosting;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.PostgreSql.Hosting;
using Dailyfeed.Runtime.Health;
using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.PostgreSql.Hosting;
using Dailyfeed.Runtime.RabbitMQ;
using Dailyfeed.Runtime.Telemetry;
using Dailyfeed.Search;
using Orleans.Hosting;

// A silo of the production cluster: an Orleans silo serving the pools in Dailyfeed:Silo:Pools, with membership,
// reminders and grain state (with its stream outbox) in PostgreSQL and activity streams on RabbitMQ (Dailyfeed:RabbitMq).
// Its HTTP port serves only the health probes and /metrics; grain traffic uses Orleans' silo and gateway ports.
if (HealthProbe.RunIfRequested(args) is { } probeResult)
{
    return probeResult;
}

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddDailyfeedJsonLogs();
var endpoint = builder.Configuration.GetSection(SiloEndpointOptions.Section).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
var identity = builder.Configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
var store = builder.Configuration.GetSection(PostgreSqlClusterOptions.Section).Get<PostgreSqlClusterOptions>() ?? new PostgreSqlClusterOptions();

builder.Services.AddPostgreSqlClusterStore();
builder.Services.AddRabbitMqStreams();
builder.Services.AddPostgreSqlSearch();
builder.Services.AddDailyfeedGrains(builder.Configuration);
builder.UseOrleans(silo =>
{
    silo.UseDailyfeedEndpoints(endpoint, identity);
    silo.UseDailyfeedPostgreSql(options =>
    {
        options.ConnectionString = store.ConnectionString;
        options.Schema = store.Schema;
        options.UseForGrainStorage = false;
    });
    silo.UseDailyfeedOutboxStorage();
    silo.AddGrainPools(endpoint.Pools.Count == 0 ? [.. GrainPools.All] : [.. endpoint.Pools]);
    if (endpoint.KubernetesHosting)
    {
        silo.UseKubernetesHosting();
    }
});
builder.Services.AddDailyfeedHealthChecks();
builder.Services.AddDailyfeedMetrics();
builder.Services.AddDailyfeedTelemetryExport(builder.Configuration);

var app = builder.Build();
app.UseDailyfeedTraceContext();
app.MapDailyfeedHealthEndpoints();
app.MapDailyfeedMetrics();
app.Run();
return 0;

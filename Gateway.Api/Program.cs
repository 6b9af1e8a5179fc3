using Dailyfeed.Gateway.Api.Apis;
using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Gateway.Api.Fallbacks;
using Dailyfeed.Gateway.Api.Forwarding;
using Dailyfeed.Gateway.Api.Hosting;
using Dailyfeed.Gateway.Api.Images;
using Dailyfeed.Gateway.Api.RateLimiting;
using Dailyfeed.Gateway.Api.WebClient;
using Dailyfeed.ServiceDefaults.Health;
using Dailyfeed.ServiceDefaults.Telemetry;
using Dailyfeed.Orleans.Outbox.Hosting;

if (HealthProbe.RunIfRequested(args) is { } probeResult)
{
    return probeResult;
}

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddDailyfeedJsonLogs();
builder.AddDailyfeedCluster();
builder.Services.AddDailyfeedHealthChecks();
builder.Services.AddDailyfeedAuthentication();
builder.Services.AddDailyfeedForwardedHeaders(builder.Configuration);
builder.Services.AddDailyfeedRateLimiting(builder.Configuration);
builder.Services.AddOptions<ImageOptions>().BindConfiguration(ImageOptions.Section);
builder.Services.AddSingleton<ImageStore>();
builder.Services.AddOpenApi();
builder.Services.AddDailyfeedMetrics();
builder.Services.AddDailyfeedSiloGauges();
builder.Services.AddDailyfeedTelemetryExport(builder.Configuration);
builder.Services.AddDailyfeedFallbacks();
builder.Services.AddOptions<RenderedPostsOptions>().BindConfiguration(RenderedPostsOptions.Section);
builder.Services.AddSingleton<RenderedPosts>();

builder.Services.AddSingleton<UnsupportedMediaTypes>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new EmptyStringAsNullConverter()));

// Malformed bodies and parameters surface as exceptions, so they get the error envelope like every other failure.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();
app.UseDailyfeedForwardedHeaders();
app.UseDailyfeedTraceContext();
app.UseMiddleware<ErrorEnvelopeMiddleware>();
app.UseWebClientFiles();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapDailyfeedHealthEndpoints().DisableRateLimiting();
app.MapOpenApi();
app.MapDailyfeedMetrics().DisableRateLimiting();
app.MapAuthenticationApi();
app.MapMembersApi();
app.MapActivitiesApi();
app.MapPostsApi();
app.MapTimelineApi();
app.MapCommentsApi();
app.MapSearchApi();
app.MapImagesApi();
app.MapDailyfeedCluster();
app.MapWebClientFallback();
app.Run();
return 0;

/// <summary>Entry point type, visible to the gateway's API tests.</summary>
public partial class Program;

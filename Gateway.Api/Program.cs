using Dailyfeed.Gateway.Api.Hosting;
using Dailyfeed.Runtime.Health;

var builder = WebApplication.CreateBuilder(args);
builder.AddDailyfeedCluster();
builder.Services.AddDailyfeedHealthChecks();

var app = builder.Build();
app.MapDailyfeedHealthEndpoints();
app.Run();

/// <summary>Entry point type, visible to the gateway's API tests.</summary>
public partial class Program;

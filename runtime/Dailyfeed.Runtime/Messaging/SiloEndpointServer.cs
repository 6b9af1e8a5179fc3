using System.Net;
using Dailyfeed.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Messaging;

/// <summary>
/// The silo's own Kestrel listener for silo-to-silo calls: HTTP/2 only (cleartext, prior knowledge), separate from
/// any public HTTP surface the host also serves.
/// </summary>
internal sealed class SiloEndpointServer(
    SiloMessageEndpoint endpoint,
    IOptions<SiloOptions> options,
    ILoggerFactory loggerFactory)
{
    private WebApplication? _app;

    /// <summary>Starts listening and returns the bound port (the configured one, or the one the OS picked for 0).</summary>
    public async Task<int> StartAsync(CancellationToken cancellationToken)
    {
        var siloOptions = options.Value;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // This listener is configured in code only; the host's Urls and appsettings belong to its public HTTP side.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = siloOptions.MaxConcurrentCallsPerConnection;
            kestrel.Listen(IPAddress.Parse(siloOptions.ListenAddress), siloOptions.Port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();

        // One terminal handler, no routing: this listener serves a single path and every microsecond is per call.
        app.Run(context => context.Request.Path == WireProtocol.CallPath && HttpMethods.IsPost(context.Request.Method)
            ? endpoint.HandleAsync(context)
            : NotFoundAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }

    /// <summary>Stops accepting calls; in-flight ones finish within the token's time.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>Drops every connection at once, as a crashed process would.</summary>
    public Task KillAsync() => StopAsync(new CancellationToken(canceled: true));
}

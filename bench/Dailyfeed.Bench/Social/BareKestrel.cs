using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.Bench.Social;

/// <summary>The limit: a bare Kestrel endpoint answering a fixed JSON body of the timeline page's size.</summary>
public sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareKestrel(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareKestrel> StartAsync(byte[] body)
    {
        var address = new Uri($"http://127.0.0.1:{PlatformProcess.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString());
        var app = builder.Build();
        app.MapGet("/", () => Results.Bytes(body, "application/json"));
        await app.StartAsync();
        return new BareKestrel(app, address);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

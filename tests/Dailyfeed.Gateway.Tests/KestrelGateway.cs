using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Gateway.Tests;

/// <summary>
/// An embedded gateway on real Kestrel sockets on 127.0.0.1: unlike TestServer, requests have a connection address,
/// which is what forwarded-header trust and per-IP budgets are about.
/// </summary>
public sealed class KestrelGateway : IAsyncDisposable
{
    private readonly string _database = EmbeddedGatewayFactory.TemporaryDatabase();
    private readonly EmbeddedGatewayFactory _factory;

    public KestrelGateway(IReadOnlyDictionary<string, string?> settings)
    {
        _factory = EmbeddedGatewayFactory.On(_database, settings);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)) };
    }

    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        EmbeddedGatewayFactory.DeleteDatabase(_database);
    }
}

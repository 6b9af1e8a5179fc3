using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// One gateway in cluster-client mode, routing to the silos that share its PostgreSQL membership table (an
/// <see cref="ApiCluster"/>'s or real silo processes'). Several factories on one cluster are several gateway instances.
/// </summary>
public sealed class GatewayFactory(
    string storeConnectionString,
    string schema,
    IReadOnlyDictionary<string, string?> overrides,
    Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    public GatewayFactory(ApiCluster cluster, IReadOnlyDictionary<string, string?> overrides, Action<IServiceCollection>? configureServices = null)
        : this(cluster.StoreConnectionString, cluster.Schema, overrides, configureServices)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dailyfeed:Gateway:Mode"] = "Cluster",
            ["Dailyfeed:PostgreSql:ConnectionString"] = storeConnectionString,
            ["Dailyfeed:PostgreSql:Schema"] = schema,
            ["Dailyfeed:Cluster:ClusterId"] = schema,
            ["Dailyfeed:Cluster:ServiceId"] = schema,
            ["Dailyfeed:Jwt:KeyRefreshInterval"] = "00:00:00.200",
            ["Dailyfeed:Jwt:UnknownKeyRefreshCooldown"] = "00:00:00.100",
            ["Dailyfeed:Jwt:BlacklistPollInterval"] = "00:00:00.100",
            ["Dailyfeed:RateLimiting:PerIpPermitLimit"] = "100000",
            ["Dailyfeed:RateLimiting:PerMemberPermitLimit"] = "100000",
            ["Dailyfeed:Images:StoragePath"] = Path.Combine(Path.GetTempPath(), $"dailyfeed-images-{schema}"),
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    /// <summary>A client on https (the refresh cookie is Secure) that keeps cookies like a browser.</summary>
    public ApiClient CreateApiClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true }));

    /// <summary>A client with no cookie jar: each request sends the refresh cookie it is given, as racing tabs do.</summary>
    public ApiClient CreateCookielessApiClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false }));

    /// <summary>
    /// Serves on real Kestrel sockets on loopback instead of TestServer, so requests carry a connection address
    /// (what forwarded-header trust and per-IP budgets see). Call before anything else starts the factory.
    /// </summary>
    public HttpClient StartOnLoopbackSocket()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)) };
    }
}

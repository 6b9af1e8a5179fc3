using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Dailyfeed.Gateway.Api.Forwarding;

/// <summary>
/// The client's address from X-Forwarded-For, taken only from trusted proxies, so per-IP budgets count clients rather
/// than the ingress or the sidecar every request arrives from.
/// </summary>
public static class ForwardedHeadersExtensions
{
    public static IServiceCollection AddDailyfeedForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = TrustedProxies(configuration);
        services.AddSingleton(trusted);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = trusted.ForwardLimit;
            // ASP.NET Core trusts loopback by default; that trust is dropped on purpose: a client on the gateway's own
            // host is no proxy unless configured as one (list 127.0.0.0/8 for a sidecar).
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in trusted.KnownNetworks)
            {
                options.KnownIPNetworks.Add(ParseNetworkOrThrow(network));
            }

            foreach (var proxy in trusted.KnownProxies)
            {
                options.KnownProxies.Add(ParseAddressOrThrow(proxy));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so logs, traces and the rate limiter all see the client's address.</summary>
    public static IApplicationBuilder UseDailyfeedForwardedHeaders(this IApplicationBuilder app)
    {
        // With no known network and no known proxy the middleware would believe every sender: it only checks the
        // sender when one of the lists is non-empty. So without configured proxies it is left out altogether.
        return app.ApplicationServices.GetRequiredService<TrustedProxyOptions>().TrustsAnyProxy ? app.UseForwardedHeaders() : app;
    }

    private static TrustedProxyOptions TrustedProxies(IConfiguration configuration)
    {
        var trusted = configuration.GetSection(TrustedProxyOptions.Section).Get<TrustedProxyOptions>() ?? new TrustedProxyOptions();
        if (trusted.ForwardLimit < 1)
        {
            throw new InvalidOperationException($"{TrustedProxyOptions.Section}:ForwardLimit must be at least 1, not {trusted.ForwardLimit}.");
        }

        return trusted;
    }

    private static System.Net.IPNetwork ParseNetworkOrThrow(string network) =>
        System.Net.IPNetwork.TryParse(network.Trim(), out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{TrustedProxyOptions.Section}:KnownNetworks has \"{network}\", which is not a CIDR network like 10.0.0.0/8.");

    private static IPAddress ParseAddressOrThrow(string proxy) =>
        IPAddress.TryParse(proxy.Trim(), out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{TrustedProxyOptions.Section}:KnownProxies has \"{proxy}\", which is not an IP address.");
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Dailyfeed.Api.Tests.ReadPool;

/// <summary>
/// Lets a test mark an HTTP request: the gateway copies the <see cref="Header"/> into Orleans' request context, so
/// <see cref="TracedGrainCalls"/> records every grain call the request causes, on every silo.
/// </summary>
public static class MarkedRequests
{
    public const string Header = "X-Test-Trace";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, CopyMarker>();

    private sealed class CopyMarker : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var marker))
                {
                    RequestContext.Set(TracedGrainCalls.MarkerKey, marker.ToString());
                }

                try
                {
                    await proceed();
                }
                finally
                {
                    RequestContext.Remove(TracedGrainCalls.MarkerKey);
                }
            });
            next(app);
        };
    }
}

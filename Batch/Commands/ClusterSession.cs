using Dailyfeed.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dailyfeed.Batch.Commands;

/// <summary>Joins the cluster as a client for the length of one command, so commands can call grains.</summary>
internal sealed class ClusterSession(IHost host)
{
    public async Task<T> RunAsync<T>(Func<IGrainFactory, Task<T>> work, CancellationToken cancellationToken)
    {
        await host.StartAsync(cancellationToken);
        try
        {
            return await work(host.Services.GetRequiredService<IGrainFactory>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}

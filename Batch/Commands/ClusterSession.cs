using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Batch.Commands;

/// <summary>Connects to the cluster as an Orleans client for the length of one command, so commands can call grains.</summary>
internal sealed class ClusterSession(IHost host, TimeSpan connectTimeout)
{
    /// <summary>Runs <paramref name="work"/> once connected; throws <see cref="SiloUnavailableException"/> when no silo gateway answers in time.</summary>
    public async Task<T> RunAsync<T>(Func<IGrainFactory, Task<T>> work, CancellationToken cancellationToken)
    {
        await ConnectOrThrowAsync(cancellationToken);
        try
        {
            return await work(host.Services.GetRequiredService<IClusterClient>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task ConnectOrThrowAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SiloUnavailableException($"No silo gateway answered within {connectTimeout.TotalSeconds:0.#} s.");
        }
    }
}

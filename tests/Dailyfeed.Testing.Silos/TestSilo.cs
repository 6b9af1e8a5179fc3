using Microsoft.Extensions.Hosting;

namespace Dailyfeed.Testing.Silos;

/// <summary>One in-process silo host of a <see cref="SiloHostCluster"/>.</summary>
/// <param name="Pools">The pools the silo serves (every pool when it was started without naming any).</param>
public sealed record TestSilo(string Name, IReadOnlyList<string> Pools, IHost Host)
{
    public IServiceProvider Services => Host.Services;
}

using System.Reflection;
using Dailyfeed.Runtime.Activation;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.Hosting;

/// <summary>What a silo host chooses: which grain assemblies it hosts and which providers back it.</summary>
public sealed class SiloBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    public SiloBuilder AddGrains(Assembly assembly)
    {
        Services.Configure<GrainAssemblies>(a => a.Assemblies.Add(assembly));
        return this;
    }

    public SiloBuilder Configure<TOptions>(Action<TOptions> configure) where TOptions : class
    {
        Services.Configure(configure);
        return this;
    }
}

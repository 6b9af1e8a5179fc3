using System.Reflection;

namespace Dailyfeed.Runtime.Activation;

/// <summary>The assemblies whose grain classes a silo hosts.</summary>
public sealed class GrainAssemblies
{
    public HashSet<Assembly> Assemblies { get; } = [];
}

/// <summary>Maps each grain interface (by wire name) to the one class that implements it on this silo.</summary>
internal sealed class GrainClassRegistry
{
    private readonly Dictionary<string, GrainClass> _byGrainType = new(StringComparer.Ordinal);

    public GrainClassRegistry(GrainAssemblies assemblies)
    {
        var classes = assemblies.Assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t));
        foreach (var implementation in classes)
        {
            var grainInterfaces = implementation.GetInterfaces()
                .Where(i => typeof(IGrain).IsAssignableFrom(i) && i.GetCustomAttribute<GrainPoolAttribute>() is not null);
            foreach (var grainInterface in grainInterfaces)
            {
                var metadata = GrainInterfaceMetadata.For(grainInterface);
                if (_byGrainType.TryGetValue(metadata.GrainType, out var existing))
                {
                    throw new InvalidOperationException(
                        $"{metadata.GrainType} is implemented by both {existing.ImplementationType.Name} and {implementation.Name}.");
                }

                _byGrainType[metadata.GrainType] = new GrainClass(implementation, metadata);
            }
        }
    }

    public IEnumerable<GrainClass> All => _byGrainType.Values;

    public bool TryGet(string grainType, out GrainClass grainClass) => _byGrainType.TryGetValue(grainType, out grainClass!);

    public GrainClass GetOrThrow(string grainType) =>
        TryGet(grainType, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class for {grainType} is hosted by this silo.");
}

using System.Collections.Concurrent;
using System.Reflection;

namespace Dailyfeed.Runtime.Activation;

/// <summary>What the runtime knows about one grain interface: wire name, pool and methods. Built once per type.</summary>
internal sealed class GrainInterfaceMetadata
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceMetadata> Cache = new();

    private readonly Dictionary<MethodInfo, GrainMethod> _byMethod;
    private readonly Dictionary<string, GrainMethod> _byId;

    private GrainInterfaceMetadata(Type interfaceType)
    {
        InterfaceType = interfaceType;
        GrainType = interfaceType.FullName ?? interfaceType.Name;
        PlacementHashPrefix = Placement.StableHash.TypePrefix(GrainType);
        Pool = interfaceType.GetCustomAttribute<GrainPoolAttribute>()?.Pool
               ?? throw new InvalidOperationException(
                   $"Grain interface {GrainType} must declare its pool with [GrainPool(...)].");
        var methods = new[] { interfaceType }
            .Concat(interfaceType.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i)))
            .SelectMany(i => i.GetMethods())
            .Select(GrainMethod.CreateOrThrow)
            .ToList();
        var duplicate = methods.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new NotSupportedException(
                $"Grain interface {GrainType} has overloads of equal arity ({duplicate.Key}); give them distinct names.");
        }

        _byMethod = methods.ToDictionary(m => m.Method);
        _byId = methods.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    public Type InterfaceType { get; }

    public string GrainType { get; }

    public string Pool { get; }

    public ulong PlacementHashPrefix { get; }

    public static GrainInterfaceMetadata For(Type interfaceType) =>
        Cache.GetOrAdd(interfaceType, static t =>
        {
            if (!t.IsInterface || !typeof(IGrain).IsAssignableFrom(t))
            {
                throw new ArgumentException($"{t.FullName} is not a grain interface.");
            }

            return new GrainInterfaceMetadata(t);
        });

    public GrainMethod GetMethod(MethodInfo method) => _byMethod[method];

    public GrainMethod GetMethodOrThrow(string id) =>
        _byId.TryGetValue(id, out var method)
            ? method
            : throw new MissingMethodException($"Grain interface {GrainType} has no method {id}.");
}

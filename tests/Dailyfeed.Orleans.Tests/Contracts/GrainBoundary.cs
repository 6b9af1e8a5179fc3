using System.Reflection;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.ReadModels;
using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Dailyfeed.Orleans.Outbox.Sqlite.Hosting;
using Dailyfeed.Orleans.Pools.Broadcast;
using Dailyfeed.Testing.Silos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Configuration;

namespace Dailyfeed.Orleans.Tests.Contracts;

/// <summary>
/// What crosses a grain boundary, found by reflection so that a new grain method, DTO, exception or broadcast message
/// is covered without anyone listing it: every grain interface in Grains.Abstractions, every Dailyfeed type reachable
/// from their parameters and results through members and generic arguments, every exception of the product (a failed
/// call's result) and every message a pool broadcast handler takes.
/// </summary>
internal static class GrainBoundary
{
    public static Assembly Contracts { get; } = typeof(IMemberGrain).Assembly;

    /// <summary>
    /// Every Dailyfeed assembly a silo loads: the grains and the providers a host composes, and all the Dailyfeed
    /// assemblies they reference (errors, service defaults, pools, hosting, outbox, ...).
    /// </summary>
    public static IReadOnlyList<Assembly> ProductAssemblies { get; } = DailyfeedAssemblies.ClosureOf(
        typeof(PostViewReadModel).Assembly,
        typeof(PostgreSqlServiceCollectionExtensions).Assembly,
        typeof(SqliteServiceCollectionExtensions).Assembly,
        typeof(global::Dailyfeed.Orleans.PostgreSql.Hosting.SiloBuilderExtensions).Assembly,
        typeof(global::Dailyfeed.Orleans.Sqlite.Hosting.SiloBuilderExtensions).Assembly);

    /// <summary>
    /// Grain interfaces as Orleans itself sees them: those its code generator wrote a proxy and invokers for, listed in
    /// the contracts' type manifest. An interface Orleans could not call is missing here, however it is declared.
    /// </summary>
    public static IReadOnlyList<Type> GrainInterfaces { get; } = ManifestOf(Contracts).Interfaces
        .Where(type => type.Assembly == Contracts)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>Interfaces of the contracts an Orleans grain reference can stand for (grains and observers).</summary>
    public static IReadOnlyList<Type> AddressableInterfaces { get; } = Contracts.GetTypes()
        .Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Closed types as they travel (<c>Slice&lt;PostView&gt;</c>, not <c>Slice&lt;T&gt;</c>), plus every exception type
    /// of the contracts, which travel as a failed call's result. Only methods declared by the contracts' own interfaces
    /// count: the runtime's reminder and stream-subscriber contracts give way to Orleans' own in the port.
    /// </summary>
    public static IReadOnlyList<Type> Types { get; } = CollectTypes();

    public static bool IsDailyfeed(Type type) => type.Namespace?.StartsWith("Dailyfeed", StringComparison.Ordinal) == true;

    /// <summary>The manifest Orleans' serializer builds from an assembly's generated code, as a silo or client would.</summary>
    private static TypeManifestOptions ManifestOf(Assembly assembly)
    {
        using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(assembly))
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<TypeManifestOptions>>().Value;
    }

    private static IReadOnlyList<Type> CollectTypes()
    {
        var found = new HashSet<Type>();
        foreach (var method in GrainInterfaces.SelectMany(grain => grain.GetMethods()))
        {
            Visit(method.ReturnType, found);
            foreach (var parameter in method.GetParameters())
            {
                Visit(parameter.ParameterType, found);
            }
        }

        var productTypes = ProductAssemblies.SelectMany(assembly => assembly.GetTypes()).ToList();
        found.UnionWith(productTypes.Where(type => typeof(Exception).IsAssignableFrom(type)));
        foreach (var message in productTypes.SelectMany(BroadcastMessagesHandledBy))
        {
            Visit(message, found);
        }

        return found.OrderBy(type => type.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>Pool broadcasts travel as <c>object</c>: the message types are the ones handlers are written for.</summary>
    private static IEnumerable<Type> BroadcastMessagesHandledBy(Type handler) => handler.GetInterfaces()
        .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IPoolMessageHandler<>))
        .Select(contract => contract.GetGenericArguments()[0]);

    private static void Visit(Type type, HashSet<Type> found)
    {
        if (type.IsArray)
        {
            Visit(type.GetElementType()!, found);
            return;
        }

        // Task<T>, IReadOnlyList<T>, Nullable<T> and other BCL shapes are transparent: only what they carry counts.
        var carried = type.IsGenericType ? type.GetGenericArguments() : [];
        if (IsDailyfeed(type) && found.Add(type))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Visit(property.PropertyType, found);
            }
        }

        foreach (var argument in carried)
        {
            Visit(argument, found);
        }
    }
}

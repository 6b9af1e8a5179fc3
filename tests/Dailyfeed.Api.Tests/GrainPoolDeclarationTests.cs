extern alias silo;

using System.Reflection;
using Dailyfeed.Testing.Silos;
using Dailyfeed.Grains.Hosting;
using Dailyfeed.Orleans.Pools;
using Orleans;
using Shouldly;
using silo::Dailyfeed.Silo.Hosting;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// Every grain class of the product names its pool, so a new grain class cannot silently land on any silo (a write
/// grain on a read silo would escape the write pool's scaling and drain). <see cref="PoolPlacementTests"/> checks
/// placement at run time, but only for the classes its traffic happens to activate.
/// </summary>
public sealed class GrainPoolDeclarationTests
{
    /// <summary>
    /// Grain classes meant to run on any silo, each with the reason. Empty today: every grain class has a pool.
    /// </summary>
    private static readonly Dictionary<Type, string> DeliberatelyPoolless = [];

    /// <summary>Every concrete grain class in the Dailyfeed assemblies the silo and the gateway load.</summary>
    private static readonly IReadOnlyList<Type> GrainClasses = DailyfeedAssemblies.ClosureOf(
            typeof(DailyfeedGrainsServiceCollectionExtensions).Assembly,
            typeof(DailyfeedSiloExtensions).Assembly,
            typeof(Program).Assembly)
        .SelectMany(assembly => assembly.GetTypes())
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(type))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void The_product_grain_classes_are_found()
    {
        GrainClasses.Count.ShouldBeGreaterThan(20);
        GrainClasses.ShouldContain(typeof(global::Dailyfeed.Grains.Authentication.SigningKeyRingGrain));
    }

    [Fact]
    public void Every_grain_class_declares_a_known_pool_unless_listed_as_deliberately_poolless()
    {
        var undeclared = GrainClasses
            .Where(type => type.GetCustomAttribute<GrainPoolAttribute>() is null && !DeliberatelyPoolless.ContainsKey(type))
            .Select(type => type.FullName);
        undeclared.ShouldBeEmpty("add [GrainPool(GrainPools.Read|Write)] or list the class in DeliberatelyPoolless with a reason");

        var unknownPools = GrainClasses
            .Select(type => (type.FullName, type.GetCustomAttribute<GrainPoolAttribute>()?.Pool))
            .Where(grain => grain.Pool is not null && !GrainPools.All.Contains(grain.Pool))
            .Select(grain => $"{grain.FullName}: {grain.Pool}");
        unknownPools.ShouldBeEmpty("a pool no silo can serve leaves the class unplaceable");

        // The exceptions list must not rot: each entry is still a grain class, still without a pool, with a reason.
        DeliberatelyPoolless
            .Where(entry => !GrainClasses.Contains(entry.Key) || entry.Key.GetCustomAttribute<GrainPoolAttribute>() is not null
                            || string.IsNullOrWhiteSpace(entry.Value))
            .Select(entry => entry.Key.FullName)
            .ShouldBeEmpty("listed as deliberately pool-less but no longer a pool-less grain class with a reason");
    }
}

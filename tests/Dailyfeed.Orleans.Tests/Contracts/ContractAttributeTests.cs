using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Abstractions.Search;
using Dailyfeed.Errors;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.ServiceDefaults.Resilience;

namespace Dailyfeed.Orleans.Tests.Contracts;

/// <summary>
/// Every type crossing a grain boundary has a serializer Orleans generates and a stable wire name, so a silo and a
/// gateway built from different commits still understand each other. A DTO added without the attributes fails here.
/// </summary>
public sealed class ContractAttributeTests
{
    public static TheoryData<Type> BoundaryTypes => [.. GrainBoundary.Types];

    public static TheoryData<Type> GrainInterfaces => [.. GrainBoundary.GrainInterfaces];

    [Fact]
    public void The_boundary_is_found()
    {
        GrainBoundary.GrainInterfaces.Count.ShouldBeGreaterThan(20);
        GrainBoundary.Types.ShouldContain(typeof(Slice<PostView>));
        GrainBoundary.Types.ShouldContain(typeof(MemberActivityType));
        GrainBoundary.Types.ShouldContain(typeof(StreamEvent), "reached through DeadLetter's members");
        GrainBoundary.Types.ShouldContain(typeof(DomainException));
        GrainBoundary.Types.ShouldContain(typeof(CodedException), "a product exception outside the contracts");
        GrainBoundary.Types.ShouldContain(typeof(DependencyUnavailableException), "a product exception outside the contracts");
        GrainBoundary.Types.ShouldContain(typeof(NoSiloInPoolException), "a product exception outside the contracts");
        GrainBoundary.Types.ShouldContain(typeof(PostChanged), "a pool broadcast message");
    }

    [Fact]
    public void Every_addressable_interface_of_the_contracts_is_a_generated_grain_interface()
    {
        GrainBoundary.GrainInterfaces.ShouldBe(GrainBoundary.AddressableInterfaces);
        GrainBoundary.GrainInterfaces.ShouldContain(typeof(IActivityGrain));
        GrainBoundary.GrainInterfaces.ShouldNotContain(typeof(ISearchIndex), "a plain service contract, not a grain");
    }

    [Theory]
    [MemberData(nameof(GrainInterfaces))]
    public void A_grain_interface_has_an_alias(Type grainInterface) =>
        SerializerAttributes.AliasOf(grainInterface).ShouldNotBeNull().ShouldStartWith("dailyfeed.");

    [Theory]
    [MemberData(nameof(BoundaryTypes))]
    public void A_boundary_type_has_a_generated_serializer_and_an_alias(Type type)
    {
        if (type.Assembly != GrainBoundary.Contracts && type.IsEnum)
        {
            return; // The stream records' enums (Dailyfeed.Orleans.Outbox.Abstractions): Orleans writes any enum as its underlying integer.
        }

        if (type.Assembly == GrainBoundary.Contracts)
        {
            SerializerAttributes.AliasOf(type).ShouldNotBeNull($"{type} needs [Alias(\"dailyfeed.<area>.<name>\")]").ShouldStartWith("dailyfeed.");
        }

        // Types Orleans' generator cannot serve (foreign ones, the outbox's records) travel as a surrogate.
        var serialized = SerializerAttributes.Surrogates.GetValueOrDefault(type) ?? type;
        SerializerAttributes.IsGenerated(serialized).ShouldBeTrue($"{type} needs [GenerateSerializer] or a [RegisterConverter] surrogate");
        SerializerAttributes.AliasOf(serialized).ShouldNotBeNull($"{serialized} needs an [Alias]").ShouldStartWith("dailyfeed.");
        if (typeof(Exception).IsAssignableFrom(serialized))
        {
            ExceptionMembersHaveIds(serialized);
        }
        else if (!serialized.IsEnum)
        {
            MembersHaveIdsInDeclarationOrder(serialized);
        }
    }

    [Fact]
    public void Aliases_are_unique()
    {
        // Only the product's own types: the grain reference proxies Orleans generates (namespace OrleansCodeGen) all
        // carry its shared "GrainRef" alias by design.
        var aliases = GrainBoundary.ProductAssemblies.SelectMany(assembly => assembly.GetTypes())
            .Where(GrainBoundary.IsDailyfeed)
            .Select(type => (Type: type, Alias: SerializerAttributes.AliasOf(type)))
            .Where(entry => entry.Alias is not null)
            .ToList();

        aliases.GroupBy(entry => entry.Alias)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => entry.Type))}")
            .ShouldBeEmpty();
    }

    /// <summary>
    /// Every property an exception class adds has an id, or it is lost in transit (the caller sees the message only);
    /// each generated base class up to <see cref="Exception"/> too.
    /// </summary>
    private static void ExceptionMembersHaveIds(Type type)
    {
        for (var level = type; level is not null && level != typeof(Exception); level = level.BaseType)
        {
            if (!GrainBoundary.IsDailyfeed(level))
            {
                break; // Orleans' own exceptions (OrleansException) bring their own serializers.
            }

            SerializerAttributes.IsGenerated(level).ShouldBeTrue($"{level}, a base of {type}, needs [GenerateSerializer]");
            var members = SerializerAttributes.ExceptionMembersOf(level);
            members.Where(member => member.Id is null).Select(member => member.Member).ShouldBeEmpty($"{level} members without [Id]");
            var ids = members.Select(member => member.Id!.Value).ToList();
            ids.ShouldBe(ids.Order().Distinct().ToList(), $"{level} ids must be unique and increase in declaration order");
        }
    }

    /// <summary>Ids only grow down the declaration, so a reordered record fails instead of silently swapping fields.</summary>
    private static void MembersHaveIdsInDeclarationOrder(Type type)
    {
        var members = SerializerAttributes.MembersOf(type);
        members.ShouldNotBeEmpty($"{type} has nothing to serialize");
        members.Where(member => member.Id is null).Select(member => member.Member).ShouldBeEmpty($"{type} members without [Id]");
        var ids = members.Select(member => member.Id!.Value).ToList();
        ids.ShouldBe(ids.Order().Distinct().ToList(), $"{type} ids must be unique and increase in declaration order");
    }
}

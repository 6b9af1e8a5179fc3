using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Abstractions.Search;
using Dailyfeed.Orleans.Outbox.Streams;

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

        // Types Orleans' generator cannot serve (foreign ones, exceptions built on CodedException) travel as a surrogate.
        var serialized = SerializerAttributes.Surrogates.GetValueOrDefault(type) ?? type;
        SerializerAttributes.IsGenerated(serialized).ShouldBeTrue($"{type} needs [GenerateSerializer] or a [RegisterConverter] surrogate");
        SerializerAttributes.AliasOf(serialized).ShouldNotBeNull($"{serialized} needs an [Alias]").ShouldStartWith("dailyfeed.");
        if (!serialized.IsEnum)
        {
            MembersHaveIdsInDeclarationOrder(serialized);
        }
    }

    [Fact]
    public void Aliases_are_unique()
    {
        // Only the contracts' own types: the grain reference proxies Orleans generates (namespace OrleansCodeGen) all
        // carry its shared "GrainRef" alias by design.
        var aliases = GrainBoundary.Contracts.GetTypes()
            .Where(GrainBoundary.IsDailyfeed)
            .Select(type => (Type: type, Alias: SerializerAttributes.AliasOf(type)))
            .Where(entry => entry.Alias is not null)
            .ToList();

        aliases.GroupBy(entry => entry.Alias)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => entry.Type))}")
            .ShouldBeEmpty();
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

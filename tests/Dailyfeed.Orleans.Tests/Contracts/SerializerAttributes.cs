using System.Reflection;

namespace Dailyfeed.Orleans.Tests.Contracts;

/// <summary>How a boundary type gets its Orleans serializer: generated for it, or through a registered surrogate.</summary>
internal static class SerializerAttributes
{
    public static bool IsGenerated(Type type) => Definition(type).GetCustomAttribute<GenerateSerializerAttribute>() is not null;

    public static string? AliasOf(Type type) => Definition(type).GetCustomAttribute<AliasAttribute>()?.Alias;

    /// <summary>Surrogates by the type they stand for, from every [RegisterConverter] class in the contracts.</summary>
    public static IReadOnlyDictionary<Type, Type> Surrogates { get; } = GrainBoundary.Contracts.GetTypes()
        .Where(type => type.GetCustomAttribute<RegisterConverterAttribute>() is not null)
        .SelectMany(type => type.GetInterfaces())
        .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IConverter<,>))
        .ToDictionary(contract => contract.GetGenericArguments()[0], contract => contract.GetGenericArguments()[1]);

    /// <summary>
    /// The members Orleans serializes and the ids they declare, in declaration order: primary-constructor parameters
    /// (the constructor with the most parameters), then public fields and settable properties no parameter sets.
    /// </summary>
    public static IReadOnlyList<(string Member, uint? Id)> MembersOf(Type type)
    {
        var definition = Definition(type);
        var parameters = definition.GetConstructors().MaxBy(constructor => constructor.GetParameters().Length)?.GetParameters() ?? [];
        var byParameter = parameters.Select(parameter => (parameter.Name!, parameter.GetCustomAttribute<IdAttribute>()?.Id));
        var parameterNames = parameters.Select(parameter => parameter.Name).ToHashSet();
        var fields = definition.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(field => !parameterNames.Contains(field.Name))
            .Select(field => (field.Name, field.GetCustomAttribute<IdAttribute>()?.Id));
        var properties = definition.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(property => property.SetMethod is { IsPublic: true } && !parameterNames.Contains(property.Name))
            .Select(property => (property.Name, property.GetCustomAttribute<IdAttribute>()?.Id));
        return [.. byParameter, .. fields, .. properties];
    }

    private static Type Definition(Type type) => type.IsGenericType ? type.GetGenericTypeDefinition() : type;
}

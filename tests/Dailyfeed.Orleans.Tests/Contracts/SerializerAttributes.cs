using System.Reflection;

namespace Dailyfeed.Orleans.Tests.Contracts;

/// <summary>How a boundary type gets its Orleans serializer: generated for it, or through a registered surrogate.</summary>
internal static class SerializerAttributes
{
    /// <summary>Whether the type itself asks for a serializer: a base class's attribute does not make one for a subclass.</summary>
    public static bool IsGenerated(Type type) => Definition(type).GetCustomAttribute<GenerateSerializerAttribute>(inherit: false) is not null;

    /// <summary>The type's own alias; a base class's alias names the base class only.</summary>
    public static string? AliasOf(Type type) => Definition(type).GetCustomAttribute<AliasAttribute>(inherit: false)?.Alias;

    /// <summary>Surrogates by the type they stand for, from every [RegisterConverter] class of the product.</summary>
    public static IReadOnlyDictionary<Type, Type> Surrogates { get; } = GrainBoundary.ProductAssemblies.SelectMany(assembly => assembly.GetTypes())
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
        if (typeof(Exception).IsAssignableFrom(type))
        {
            return ExceptionMembersOf(type);
        }

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

    /// <summary>
    /// The public properties an exception class adds (Orleans' exception codec carries the message, inner exception
    /// and stack trace of <see cref="Exception"/> itself); each level's ids count from 0, so each level is listed on its own.
    /// </summary>
    public static IReadOnlyList<(string Member, uint? Id)> ExceptionMembersOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(property => (property.Name, property.GetCustomAttribute<IdAttribute>()?.Id))
            .ToList();

    private static Type Definition(Type type) => type.IsGenericType ? type.GetGenericTypeDefinition() : type;
}

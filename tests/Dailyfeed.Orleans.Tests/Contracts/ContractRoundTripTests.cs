using System.Collections;
using System.Reflection;
using System.Text.Json;
using Dailyfeed.Grains.Abstractions.Errors;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Invocation;

namespace Dailyfeed.Orleans.Tests.Contracts;

/// <summary>
/// Every boundary type comes back from Orleans' serializer (another silo) and its deep copier (a call within the silo)
/// equal to what was sent.
/// </summary>
public sealed class ContractRoundTripTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer =>
        {
            foreach (var assembly in GrainBoundary.ProductAssemblies)
            {
                serializer.AddAssembly(assembly);
            }
        })
        .BuildServiceProvider();

    private static readonly MethodInfo SendTyped =
        typeof(ContractRoundTripTests).GetMethod(nameof(Send), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static TheoryData<Type> BoundaryTypes => [.. GrainBoundary.Types];

    [Theory]
    [MemberData(nameof(BoundaryTypes))]
    public void A_boundary_value_survives_the_wire_and_a_local_copy(Type type)
    {
        var sample = ContractSamples.Of(type);

        var (received, copied) = ((object, object))SendTyped.MakeGenericMethod(type).Invoke(null, [sample])!;

        ShouldMatch(received, sample);
        ShouldMatch(copied, sample);
    }

    [Fact]
    public void A_domain_exception_thrown_by_a_grain_reaches_the_caller_with_its_code()
    {
        var thrown = Throw(() => throw new DomainException(ErrorCodes.CommentDepthLimitExceeds, "Replies nest two levels deep at most."));
        var serializer = Services.GetRequiredService<Serializer<Response>>();

        // A failed call travels as Orleans' exception response, typed as plain Exception.
        var received = serializer.Deserialize(serializer.SerializeToArray(Response.FromException(thrown))).ShouldNotBeNull();

        var exception = received.Exception.ShouldBeOfType<DomainException>();
        exception.Code.ShouldBe(ErrorCodes.CommentDepthLimitExceeds);
        exception.Message.ShouldBe(thrown.Message);
        exception.StackTrace.ShouldNotBeNull().ShouldContain(nameof(A_domain_exception_thrown_by_a_grain_reaches_the_caller_with_its_code));
    }

    private static (object, object) Send<T>(T value)
    {
        var serializer = Services.GetRequiredService<Serializer<T>>();
        var copier = Services.GetRequiredService<DeepCopier<T>>();
        return (serializer.Deserialize(serializer.SerializeToArray(value))!, copier.Copy(value)!);
    }

    private static void ShouldMatch(object actual, object expected)
    {
        if (expected is DomainException exception)
        {
            var other = actual.ShouldBeOfType<DomainException>();
            other.Code.ShouldBe(exception.Code);
            other.Message.ShouldBe(exception.Message);
            return;
        }

        if (expected is Exception thrown)
        {
            // Exceptions compare by what a caller reads: their type, message and the properties their classes add.
            actual.ShouldBeOfType(expected.GetType());
            ((Exception)actual).Message.ShouldBe(thrown.Message);
            foreach (var property in AddedProperties(expected.GetType()))
            {
                property.GetValue(actual).ShouldBe(property.GetValue(expected), $"{expected.GetType()}.{property.Name}");
            }

            return;
        }

        actual.ShouldBeOfType(expected.GetType());
        // Lists may come back as another IReadOnlyList (a collection expression's array arrives as a List), so the
        // contents are compared through the JSON the gateway renders; records without lists must also be Equal.
        JsonSerializer.Serialize(actual, expected.GetType()).ShouldBe(JsonSerializer.Serialize(expected, expected.GetType()));
        if (ComparesByValue(expected.GetType()))
        {
            actual.ShouldBe(expected);
        }
    }

    private static IEnumerable<PropertyInfo> AddedProperties(Type exceptionType) =>
        exceptionType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.DeclaringType != typeof(Exception));

    private static bool ComparesByValue(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).All(property =>
        property.PropertyType == typeof(string)
        || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)
            && (!GrainBoundary.IsDailyfeed(property.PropertyType) || ComparesByValue(property.PropertyType)));

    private static Exception Throw(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new InvalidOperationException("Expected the action to throw.");
    }
}

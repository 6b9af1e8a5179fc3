using System.Collections.Concurrent;
using System.Reflection;

namespace Dailyfeed.Runtime.Messaging;

/// <summary>
/// Turns exceptions into envelopes and back, so the caller on another silo catches the type the grain threw.
/// Only Exception-derived types from assemblies already loaded here are rebuilt; anything else arrives as
/// <see cref="RemoteGrainException"/> keeping the original type name, code and message.
/// </summary>
internal static class RemoteExceptionMapper
{
    private const string UnknownCode = "INTERNAL_ERROR";
    private static readonly ConcurrentDictionary<string, Func<ExceptionEnvelope, Exception>?> Factories = new();

    public static ExceptionEnvelope ToEnvelope(Exception exception)
    {
        var type = exception.GetType();
        var code = exception is CodedException coded ? coded.Code : UnknownCode;
        return new ExceptionEnvelope($"{type.FullName}, {type.Assembly.GetName().Name}", code, exception.Message);
    }

    public static Exception FromEnvelope(ExceptionEnvelope envelope)
    {
        var factory = Factories.GetOrAdd(envelope.Type, CreateFactory);
        return factory?.Invoke(envelope) ?? new RemoteGrainException(envelope.Type, envelope.Code, envelope.Message);
    }

    private static Func<ExceptionEnvelope, Exception>? CreateFactory(string typeName)
    {
        var comma = typeName.IndexOf(',');
        if (comma < 0)
        {
            return null;
        }

        var assemblyName = typeName[(comma + 1)..].Trim();
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName);
        var type = assembly?.GetType(typeName[..comma]);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.IsAbstract)
        {
            return null;
        }

        var withCode = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string), typeof(string)]);
        if (withCode is not null && typeof(CodedException).IsAssignableFrom(type))
        {
            return e => (Exception)withCode.Invoke([e.Code, e.Message]);
        }

        var withMessage = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
        return withMessage is null ? null : e => (Exception)withMessage.Invoke([e.Message]);
    }
}

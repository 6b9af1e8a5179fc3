using System.Runtime.ExceptionServices;

namespace Dailyfeed.Grains.Abstractions.Errors;

/// <summary>
/// Rebuilds a <see cref="DomainException"/> through its constructor, so the code is set the same way as where it was
/// thrown. The thrower's stack trace is kept as the remote part of the new exception's trace, as Orleans does for
/// exceptions it serializes itself.
/// </summary>
[RegisterConverter]
public sealed class DomainExceptionConverter : IConverter<DomainException, DomainExceptionSurrogate>
{
    public DomainException ConvertFromSurrogate(in DomainExceptionSurrogate surrogate)
    {
        var exception = new DomainException(surrogate.Code, surrogate.Message);
        return surrogate.StackTrace is null ? exception : (DomainException)ExceptionDispatchInfo.SetRemoteStackTrace(exception, surrogate.StackTrace);
    }

    public DomainExceptionSurrogate ConvertToSurrogate(in DomainException value) => new(value.Code, value.Message, value.StackTrace);
}

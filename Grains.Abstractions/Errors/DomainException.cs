using Dailyfeed.Errors;


namespace Dailyfeed.Grains.Abstractions.Errors;

/// <summary>A broken business rule. Crosses silos intact (type, code, message) and becomes the API's error envelope.</summary>
/// <remarks>
/// Orleans carries it through <see cref="DomainExceptionSurrogate"/>: its code lives in the runtime's
/// <see cref="CodedException"/>, which has no Orleans serializer to build on.
/// </remarks>
[Alias("dailyfeed.errors.DomainException")]
public sealed class DomainException(string code, string message) : CodedException(code, message);

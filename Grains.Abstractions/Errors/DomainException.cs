using Dailyfeed.Runtime;

namespace Dailyfeed.Grains.Abstractions.Errors;

/// <summary>A broken business rule. Crosses silos intact (type, code, message) and becomes the API's error envelope.</summary>
public sealed class DomainException(string code, string message) : CodedException(code, message);

namespace Dailyfeed.Runtime;

/// <summary>
/// An exception that carries a machine-readable code. Its type, message and code cross silo boundaries,
/// so a caller on another silo catches the same type it would catch locally.
/// </summary>
public class CodedException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}

/// <summary>A write raced with another writer: the stored ETag is not the one this activation read.</summary>
public sealed class InconsistentStateException(string message) : CodedException(ErrorCode, message)
{
    public const string ErrorCode = "INCONSISTENT_STATE";
}

/// <summary>The grain did not answer within the call timeout. The call may or may not have run.</summary>
public sealed class GrainCallTimeoutException(string message) : CodedException(ErrorCode, message)
{
    public const string ErrorCode = "GRAIN_CALL_TIMEOUT";
}

/// <summary>No live silo serves the pool the grain needs, or the owning silo could not be reached.</summary>
public sealed class SiloUnavailableException(string message, Exception? inner = null)
    : CodedException(ErrorCode, message, inner)
{
    public const string ErrorCode = "SILO_UNAVAILABLE";
}

/// <summary>An exception thrown remotely whose type this process does not know; keeps the original type name.</summary>
public sealed class RemoteGrainException(string originalType, string code, string message)
    : CodedException(code, message)
{
    public string OriginalType { get; } = originalType;
}

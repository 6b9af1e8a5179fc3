namespace Dailyfeed.Errors;

/// <summary>An exception that carries a machine-readable code.</summary>
/// <remarks>
/// Orleans serializes it (and every subclass marked the same way) with its code: thrown in a grain, it reaches the
/// caller on another silo or the gateway as this type, not as Orleans' fallback that keeps only the message.
/// </remarks>
[GenerateSerializer, Alias("dailyfeed.errors.CodedException")]
public class CodedException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    [Id(0)]
    public string Code { get; private set; } = code;
}

/// <summary>
/// A write raced with another writer: the stored ETag is not the one the writer read. The Orleans grain storage turns
/// it into Orleans' own InconsistentStateException.
/// </summary>
[GenerateSerializer, Alias("dailyfeed.errors.InconsistentStateException")]
public sealed class InconsistentStateException(string message) : CodedException(ErrorCode, message)
{
    public const string ErrorCode = "INCONSISTENT_STATE";
}

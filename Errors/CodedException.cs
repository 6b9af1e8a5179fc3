namespace Dailyfeed.Errors;

/// <summary>An exception that carries a machine-readable code.</summary>
public class CodedException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}

/// <summary>
/// A write raced with another writer: the stored ETag is not the one the writer read. The Orleans grain storage turns
/// it into Orleans' own InconsistentStateException.
/// </summary>
public sealed class InconsistentStateException(string message) : CodedException(ErrorCode, message)
{
    public const string ErrorCode = "INCONSISTENT_STATE";
}

namespace Dailyfeed.Runtime.Messaging;

/// <summary>An exception on the wire: enough to rebuild the same type on the caller's side.</summary>
internal sealed record ExceptionEnvelope(string Type, string Code, string Message);

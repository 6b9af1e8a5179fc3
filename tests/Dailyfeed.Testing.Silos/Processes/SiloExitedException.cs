namespace Dailyfeed.Testing.Silos.Processes;

/// <summary>A silo process that exited before its readiness probe answered; the message carries its log's errors and tail.</summary>
public sealed class SiloExitedException(string message) : Exception(message);

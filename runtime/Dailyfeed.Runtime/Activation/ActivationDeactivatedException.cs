namespace Dailyfeed.Runtime.Activation;

/// <summary>Internal signal: the activation a call queued on went away; the catalog retries on a fresh one.</summary>
internal sealed class ActivationDeactivatedException() : Exception("The activation was deactivated before the call ran.");

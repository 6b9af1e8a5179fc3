namespace Dailyfeed.Runtime.Activation;

/// <summary>This silo is shutting down and creates no new activations; the caller re-routes.</summary>
internal sealed class ActivationRefusedException(GrainId grainId)
    : Exception($"This silo is shutting down and takes no new activation of {grainId}.");

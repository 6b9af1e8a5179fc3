namespace Dailyfeed.Runtime.Activation;

/// <summary>Routes a call made through a grain reference: placement, then a local or a remote invocation.</summary>
internal interface IGrainCallInvoker
{
    Task<T> InvokeAsync<T>(GrainReference reference, GrainMethod method, object?[] args);
}

/// <summary>Runs a call on this silo's own activation of the grain, activating it if needed.</summary>
internal interface ILocalGrainInvoker
{
    Task<T> InvokeLocalAsync<T>(GrainId grainId, GrainMethod method, object?[] args);
}

using Dailyfeed.Runtime.Activation;

namespace Dailyfeed.Runtime.Testing;

/// <summary>Skips placement and runs every call on one silo's catalog: how tests create duplicate activations.</summary>
internal sealed class ForcedLocalInvoker(Catalog catalog) : IGrainCallInvoker
{
    public Task<T> InvokeAsync<T>(GrainReference reference, GrainMethod method, object?[] args) =>
        catalog.InvokeLocalAsync<T>(reference.GrainId, method, args);
}

using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.Tests.Stores;

/// <summary>One backing store for a whole test cluster; each test gets a fresh, isolated one.</summary>
public abstract class StoreProfile : IAsyncDisposable
{
    public abstract void Register(IServiceCollection services);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

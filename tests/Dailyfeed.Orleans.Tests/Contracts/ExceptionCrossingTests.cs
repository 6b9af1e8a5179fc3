using Dailyfeed.Errors;
using Dailyfeed.ServiceDefaults.Resilience;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.Contracts;

[Alias("dailyfeed.tests.contracts.IFailingGrain")]
public interface IFailingGrain : IGrainWithIntegerKey
{
    [Alias("FailOnDependency")] Task FailOnDependencyAsync(string dependency);

    [Alias("FailWithCode")] Task FailWithCodeAsync(string code, string message);
}

/// <summary>Fails its calls the way the product's grains and providers do.</summary>
public sealed class FailingGrain : Grain, IFailingGrain
{
    public Task FailOnDependencyAsync(string dependency) => throw new DependencyUnavailableException(dependency);

    public Task FailWithCodeAsync(string code, string message) => throw new CodedException(code, message);
}

/// <summary>
/// A product exception thrown in a grain reaches a caller in another process as itself, with what its class adds:
/// the gateway's 503 names the failing dependency, a coded error keeps its code.
/// </summary>
public sealed class ExceptionCrossingTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_dependency_outage_thrown_by_a_grain_reaches_the_caller_with_the_dependency()
    {
        var grain = _cluster.Client.GetGrain<IFailingGrain>(1);

        var failure = await Should.ThrowAsync<DependencyUnavailableException>(() => grain.FailOnDependencyAsync("grain storage"));

        failure.Dependency.ShouldBe("grain storage");
        failure.Code.ShouldBe(DependencyUnavailableException.ErrorCode);
        failure.Message.ShouldBe("grain storage is unavailable; please retry shortly.");
    }

    [Fact]
    public async Task A_coded_exception_thrown_by_a_grain_reaches_the_caller_with_its_code()
    {
        var grain = _cluster.Client.GetGrain<IFailingGrain>(2);

        var failure = await Should.ThrowAsync<CodedException>(() => grain.FailWithCodeAsync("INTERNAL_ERROR", "게시글 저장에 실패했습니다."));

        failure.ShouldBeOfType<CodedException>();
        failure.Code.ShouldBe("INTERNAL_ERROR");
        failure.Message.ShouldBe("게시글 저장에 실패했습니다.");
    }
}
